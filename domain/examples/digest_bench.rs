//! The CPU part of publishing's digest, single thread:
//! `cargo run -p hailong-domain --release --example digest_bench [responses] [units]`
//! (default 100,000 responses over 1,000 units).
//!
//! Times what the publish job's hash steps and its finish step compute, without the store:
//! every counted response's leaf text and hash, each unit's leaves file (sorted hashes) and
//! root, the roots file and the campaign digest; then what a receipt page does in the browser
//! (one unit's leaves and the roots file, checked up to the digest), and the sizes of the
//! published files as JSON. Peak RSS is read from /proc/self/status (Linux).

use hailong_domain::results::{UnitLeaves, UnitRoots, leaf_hash, leaf_string, verify_receipt};
use hailong_domain::{CampaignId, Receipt, UnitCode};
use std::time::Instant;
use uuid::Uuid;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().expect("a whole number"));
    let responses = args.next().unwrap_or(100_000);
    let units = args.next().unwrap_or(1_000).max(1);
    let campaign = CampaignId::parse("bench").unwrap();
    // A fingerprint as long as a filled MoH outpatient form's (compact JSON of 33 answers).
    let answers: String = (1..=33).map(|i| format!("\"q{i}\":{}", i % 5 + 1)).collect::<Vec<_>>().join(",");
    let fingerprint = format!("{{\"answers\":{{{answers}}},\"channel\":\"qr\"}}");

    let started = Instant::now();
    let mut files = Vec::with_capacity(units);
    for u in 0..units {
        let code = UnitCode::parse(&format!("tyt-{u:05}")).unwrap();
        let share = responses / units + usize::from(u < responses % units);
        let hashes = (0..share)
            .map(|i| {
                let n = (u * responses + i) as u64;
                let receipt = Receipt::from_random(n.to_le_bytes());
                leaf_hash(&leaf_string(&Uuid::from_u128(u128::from(n)), &receipt, &fingerprint))
            })
            .collect();
        files.push(UnitLeaves::new(campaign.clone(), 1, code, hashes));
    }
    let hashed = started.elapsed();
    let roots: Vec<_> = files.iter().map(UnitLeaves::root).collect();
    let rooted = started.elapsed() - hashed;
    let roots = UnitRoots::new(campaign, 1, roots);
    let digested = started.elapsed() - hashed - rooted;
    assert_eq!(roots.n(), responses as u64);

    let leaves_json: usize = files.iter().map(|f| serde_json::to_vec(f).unwrap().len()).sum();
    let roots_json = serde_json::to_vec(&roots).unwrap().len();
    let digest = roots.digest.to_string();
    let check = Instant::now();
    let file = &files[units / 2];
    verify_receipt(&file.leaves[0], file, &roots, &digest).expect("a counted response verifies");
    let checked = check.elapsed();

    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!("{responses} responses over {units} units, one thread");
    println!("leaves (text + SHA-256) and sorted files  {:>9.1} ms", ms(hashed));
    println!("unit roots                                {:>9.1} ms", ms(rooted));
    println!("roots file and campaign digest            {:>9.1} ms", ms(digested));
    println!("one receipt checked (leaves + roots)      {:>9.1} ms", ms(checked));
    println!(
        "published JSON: leaves files {:.1} MB in all ({:.1} KB per unit), roots file {:.1} KB",
        leaves_json as f64 / 1e6,
        leaves_json as f64 / units as f64 / 1e3,
        roots_json as f64 / 1e3
    );
    if let Some(mb) = peak_rss_mb() {
        println!("peak RSS {mb:.1} MB (every leaves file held at once, as no step of the job does)");
    }
}
