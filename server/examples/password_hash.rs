//! How long one password hash takes with the hub's argon2id parameters on this machine.
//! Run with `bash bench/password-hash.sh` (release build).
use std::time::Instant;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    const ROUNDS: u32 = 20;
    // Warm up once (allocator, thread pool).
    app::accounts::store::hash_password("warm up the hasher".into())
        .await
        .expect("hash");
    let mut times = Vec::new();
    for i in 0..ROUNDS {
        let start = Instant::now();
        app::accounts::store::hash_password(format!("sample password {i}"))
            .await
            .expect("hash");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    println!(
        "argon2id m=19456 KiB t=2 p=1: {ROUNDS} hashes, mean {mean:.1} ms, median {:.1} ms, min {:.1} ms, max {:.1} ms",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
