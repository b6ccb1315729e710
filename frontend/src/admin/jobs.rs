//! Following a job the server runs in steps (a publication, an export, a preview): its page reads it again
//! every second while it runs, and stops when it ends or the page is left.

use super::api::Api;
use super::widgets::Loaded;
use hailong_domain::api::{ExportJob, JobState, PreviewJob, PublishJob};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// A job whose state the console follows.
pub trait Job: DeserializeOwned + Clone + Send + Sync + 'static {
    fn id(&self) -> &str;
    fn running(&self) -> bool;
}

impl Job for PublishJob {
    fn id(&self) -> &str {
        &self.job
    }

    fn running(&self) -> bool {
        self.state == JobState::Running
    }
}

impl Job for PreviewJob {
    fn id(&self) -> &str {
        &self.job
    }

    fn running(&self) -> bool {
        self.state == JobState::Running
    }
}

impl Job for ExportJob {
    fn id(&self) -> &str {
        &self.job
    }

    fn running(&self) -> bool {
        self.state == JobState::Running
    }
}

/// Reads the job at `path` again in a second into `job`, and again while it runs.
pub fn follow<J: Job>(api: Api, path: String, job: RwSignal<Option<J>>) {
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                let Ok(now) = api.get::<J>(&path).await else {
                    // A failed read (network) is retried; the job itself goes on.
                    return follow(api, path, job);
                };
                let running = now.running();
                // `try_set` fails once the page is gone: then nothing is read again.
                if job.try_set(Some(now)).is_none() && running {
                    follow(api, path, job);
                }
            });
        },
        std::time::Duration::from_secs(1),
    );
}

/// The job a start request (`call`) answered, followed at `{base}/{id}` once it is there.
pub fn followed<J: Job>(api: Api, call: Loaded<J>, base: String) -> RwSignal<Option<J>> {
    let job = RwSignal::new(None);
    Effect::new(move || {
        if let Some(Ok(started)) = call.result.get() {
            follow(api, format!("{base}/{}", started.id()), job);
            job.set(Some(started));
        }
    });
    job
}
