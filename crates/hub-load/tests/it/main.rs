//! The bench against a real hub: the contact hub as a library, serving on an ephemeral
//! loopback port with the bench's own generated configuration (the bench reaches it over
//! HTTP only, as it reaches a spawned release hub or a balancer).

use clap::Parser;
use contact_hub::RunningHub;
use hub_load::hubconfig::{bench_config, password_hash};
use hub_load::{run, Options, Target};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_agents_serve_thirty_customers_with_every_check_passing() {
    let options = Options::parse_from([
        "hub-load",
        "--hub",
        "http://unused",
        "--agents",
        "20",
        "--capacity",
        "2",
        "--arrivals",
        "30",
        "--rate",
        "30",
        "--open",
        "20",
        "--accept-delay-ms",
        "10",
        "--drain-secs",
        "60",
    ]);
    let config = bench_config(&options, &password_hash(&options.password).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let hub =
        RunningHub::start(config, &dir.path().join("hub.sqlite3"), "127.0.0.1:0".parse().unwrap())
            .await
            .unwrap();
    let target =
        Target { bases: vec![hub.base_url()], hub_pids: Vec::new(), kill: None, notes: Vec::new() };

    let report = run(&options, &target).await.unwrap();

    assert_eq!(report.checks.violations(), 0, "{report}");
    assert_eq!(report.throughput.arrivals, 30, "{report}");
    assert_eq!(report.throughput.assignments, 30, "{report}");
    assert_eq!(report.throughput.closed, 30, "{report}");
    // One agent message and one customer message per conversation, each delivered once.
    assert_eq!(report.throughput.messages, 60, "{report}");
    assert_eq!(report.latencies.arrival_to_offer.count, 30, "{report}");
    assert_eq!(report.open_prefilled, 20, "{report}");
    hub.shutdown().await;
}
