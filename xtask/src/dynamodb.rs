//! DynamoDB Local (AWS's own, from the npm package), started and stopped by the commands.

use crate::tools::Tools;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct DynamoDbLocal {
    child: Child,
    pub endpoint: String,
}

/// Where DynamoDB Local keeps its data.
pub enum Storage<'a> {
    /// Kept in this folder across restarts (the local stack).
    Folder(&'a Path),
    /// Gone when it stops (tests).
    InMemory,
}

pub fn free_port() -> Result<u16, String> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

impl DynamoDbLocal {
    pub fn start(tools: &Tools, storage: Storage) -> Result<DynamoDbLocal, String> {
        Self::start_on(tools, storage, free_port()?)
    }

    /// As [`DynamoDbLocal::start`], on a given port (a restart keeps the endpoint clients know).
    pub fn start_on(tools: &Tools, storage: Storage, port: u16) -> Result<DynamoDbLocal, String> {
        let emulator = &tools.dynamodb_local;
        let mut cmd = Command::new("java");
        cmd.arg(format!("-Djava.library.path={}", emulator.join("DynamoDBLocal_lib").display()))
            .arg("-Xmx1g")
            .arg("-jar")
            .arg(emulator.join("DynamoDBLocal.jar"))
            .args(["-port", &port.to_string(), "-disableTelemetry"])
            .current_dir(emulator)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        match storage {
            Storage::Folder(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                cmd.arg("-dbPath").arg(dir);
            }
            Storage::InMemory => {
                cmd.arg("-inMemory");
            }
        }
        let child = cmd.spawn().map_err(|e| format!("cannot start DynamoDB Local with java: {e}"))?;
        let mut db = DynamoDbLocal { child, endpoint: format!("http://127.0.0.1:{port}") };
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = db.child.try_wait() {
                return Err(format!("DynamoDB Local exited at start ({status}); is Java 17 installed?"));
            }
            if Instant::now() > deadline {
                return Err("DynamoDB Local did not listen within 60 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(db)
    }

    /// The Java process (for signals: `cargo xtask faults` freezes it).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A graceful stop (SIGTERM, as a service manager stops it), waiting until it has exited.
    pub fn stop(mut self) -> Result<(), String> {
        crate::sh(Command::new("kill").args(["-TERM", &self.pid().to_string()]))?;
        self.child.wait().map_err(|e| e.to_string())?;
        Ok(())
    }
}

impl Drop for DynamoDbLocal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
