//! A rolling update, simulated with real processes: no cluster runs here, so this test
//! plays Kubernetes and a balancing gRPC client against three instances of the real
//! binary on 127.0.0.1.
//!
//! - Clients share one tonic balanced channel (`Channel::balance_channel`), fed with
//!   endpoint changes the way a resolver of `dns:///preprocessor-headless…` would be,
//!   and retry UNAVAILABLE and transport failures (bounded attempts, exponential backoff
//!   with jitter, as a gRPC retry policy would).
//! - The rollout follows the Deployment's strategy (maxSurge 1, maxUnavailable 0): for
//!   each old instance, start a replacement on a new port, add its endpoint once its
//!   health check says SERVING, then remove the old endpoint and send it SIGTERM at the
//!   same moment (no preStop delay), and wait for it to drain and exit 0. For one step the
//!   endpoint goes only 300 ms after SIGTERM, as with a resolver that learns late: calls
//!   sent to the draining instance meanwhile must be retried elsewhere.
//! - Every request carries a unique document id; each instance's log ("call done" lines,
//!   stderr) tells which instance served it.
//!
//! Asserts: no request failed after retries, every old instance exited 0 after
//! draining, every instance served calls, and load spread over the three live instances
//! both before and after the rollout. Bounded: about 10 s of load, 60 s at most.

use std::{
    collections::{BTreeMap, BTreeSet},
    io::{BufRead as _, BufReader},
    net::{SocketAddr, TcpListener},
    process::{Child, Command, ExitStatus, Stdio},
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    thread::JoinHandle,
    time::{Duration, Instant},
};

use api::v1::{self, preprocess_service_client::PreprocessServiceClient};
use tonic::{
    Code, Status,
    transport::{Channel, Endpoint, channel::Change},
};
use tonic_health::pb::{
    HealthCheckRequest, health_check_response::ServingStatus, health_client::HealthClient,
};

/// Instances that run at once.
const INSTANCES: usize = 3;
/// Concurrent client tasks calling `Preprocess` back to back.
const CLIENT_TASKS: usize = 6;
/// Attempts per call, the first included (a gRPC retry policy's maxAttempts).
const MAX_ATTEMPTS: u32 = 5;
/// First retry backoff, doubled at each attempt up to `MAX_BACKOFF` (randomized).
const INITIAL_BACKOFF: Duration = Duration::from_millis(20);
const MAX_BACKOFF: Duration = Duration::from_millis(500);
/// Deadline of one attempt.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);
/// Drain time given to the servers (PREPROCESSOR_SHUTDOWN_GRACE_SECS).
const SHUTDOWN_GRACE_SECS: u64 = 10;
/// Load on a stable set of instances before the rollout, between steps, and after it.
const STEADY: Duration = Duration::from_millis(1500);
const BETWEEN_STEPS: Duration = Duration::from_millis(500);
/// The rollout step whose endpoint is removed only `RESOLVER_LAG` after SIGTERM.
const LAGGING_STEP: usize = 1;
const RESOLVER_LAG: Duration = Duration::from_millis(300);
/// Calls a steady phase waits for (beyond `STEADY`), so the spread is judged on enough
/// calls even on a slow machine; at most `STEADY_MAX_EXTRA` longer.
const STEADY_MIN_CALLS: usize = 90;
const STEADY_MAX_EXTRA: Duration = Duration::from_secs(10);
/// Membership changes: each replacement adds one endpoint and removes one.
const PHASES: usize = 2 * INSTANCES + 1;
/// The whole test, an upper bound.
const TEST_BUDGET: Duration = Duration::from_secs(60);
/// Prefix of the document ids, found again in the servers' logs.
const ID_PREFIX: &str = "rollout-";

/// A short news article, in Arabic.
const ARTICLE: &str = "القاهرة (رويترز) - قال وزير الخارجية يوم الثلاثاء إن المحادثات \
مع الوفد الزائر كانت \"مثمرة وصريحة\". وأضاف أن الجانبين اتفقا على مواصلة التشاور. \
وذكرت الوكالة الرسمية أن الاجتماع استمر ثلاث ساعات.\n\nوقال مسؤول آخر: \"نأمل أن \
نصل إلى اتفاق قريبا\".";

/// One server process.
struct Instance {
    name: String,
    address: SocketAddr,
    child: Child,
    /// Reads stderr until the process exits; yields the document ids served.
    log: Option<JoinHandle<Served>>,
}

/// What an instance's log says it did.
#[derive(Debug, Default)]
struct Served {
    document_ids: Vec<String>,
    drained: bool,
}

impl Instance {
    fn start(name: String) -> Self {
        let address = free_local_address();
        let mut command = Command::new(env!("CARGO_BIN_EXE_preprocessor"));
        command
            .arg("serve")
            .arg("--listen")
            .arg(address.to_string())
            .arg("--metrics-listen")
            .arg("")
            .arg("--log-format")
            .arg("json")
            .arg("--shutdown-grace-secs")
            .arg(SHUTDOWN_GRACE_SECS.to_string())
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        // Hermetic: no exporter, no configuration from the caller's environment.
        for variable in preprocessor::config::ENV_VARS
            .iter()
            .chain(preprocessor::config::OTEL_ENV)
        {
            command.env_remove(variable);
        }
        let mut child = command.spawn().expect("start the preprocessor binary");
        let stderr = child.stderr.take().expect("stderr piped");
        let log = std::thread::spawn(move || {
            let mut served = Served::default();
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if line.contains("call done") {
                    // The id appears in the span fields (maybe more than once a line).
                    let ids: BTreeSet<String> = document_ids_in(&line).collect();
                    served.document_ids.extend(ids);
                } else if line.contains("drained; exiting") {
                    served.drained = true;
                }
            }
            served
        });
        Self {
            name,
            address,
            child,
            log: Some(log),
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    fn endpoint(&self) -> Endpoint {
        Endpoint::from_shared(self.url())
            .expect("endpoint")
            .connect_timeout(Duration::from_secs(2))
            .tcp_nodelay(true)
    }

    /// Waits until the health service reports our service SERVING.
    async fn wait_serving(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                panic!("{} exited before serving: {status}", self.name);
            }
            if let Ok(channel) = self.endpoint().connect().await {
                let mut health = HealthClient::new(channel);
                let request = HealthCheckRequest {
                    service: api::SERVICE_NAME.into(),
                };
                if let Ok(response) = health.check(request).await
                    && response.get_ref().status() == ServingStatus::Serving
                {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "{} never turned SERVING",
                self.name
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sends SIGTERM, as the kubelet does.
    fn terminate(&self) {
        let status = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM {}: {status}", self.child.id());
    }

    /// Waits for the process to exit (bounded by the grace period and a margin).
    async fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(SHUTDOWN_GRACE_SECS + 5);
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "{} did not exit after SIGTERM",
                self.name
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The log's account, once the process has exited.
    fn served(&mut self) -> Served {
        self.log
            .take()
            .map(|log| log.join().expect("log reader"))
            .unwrap_or_default()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        // A failed test must not leave servers behind.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A port free on 127.0.0.1 right now (bound, then released for the server).
fn free_local_address() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address")
}

/// Document ids of this test found in a log line.
fn document_ids_in(line: &str) -> impl Iterator<Item = String> + '_ {
    line.match_indices(ID_PREFIX).map(move |(start, _)| {
        let rest = &line[start + ID_PREFIX.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '-'))
            .unwrap_or(rest.len());
        format!("{ID_PREFIX}{}", &rest[..end])
    })
}

/// `rollout-PHASE-TASK-SEQ`
fn document_id(phase: usize, task: usize, sequence: usize) -> String {
    format!("{ID_PREFIX}{phase}-{task}-{sequence}")
}

fn phase_of(document_id: &str) -> usize {
    document_id[ID_PREFIX.len()..]
        .split('-')
        .next()
        .and_then(|phase| phase.parse().ok())
        .expect("a phase")
}

/// Retryable per the gRPC retry policy idea: UNAVAILABLE, or a call that failed in the
/// transport (a status tonic made from a connection error, not one the server sent).
fn retryable(status: &Status) -> bool {
    use std::error::Error as _;
    status.code() == Code::Unavailable
        || (matches!(
            status.code(),
            Code::Unknown | Code::Cancelled | Code::Internal
        ) && status.source().is_some())
}

/// What one client task saw.
#[derive(Debug, Default)]
struct ClientReport {
    succeeded: Vec<String>,
    failed: Vec<(String, String)>,
    /// Calls that needed n attempts, by n.
    attempts: BTreeMap<u32, usize>,
    retried_codes: BTreeMap<String, usize>,
}

async fn client_task(
    task: usize,
    channel: Channel,
    phase: Arc<AtomicUsize>,
    phase_calls: Arc<Vec<AtomicUsize>>,
    stop: Arc<AtomicBool>,
) -> ClientReport {
    let mut client = PreprocessServiceClient::new(channel).max_decoding_message_size(16 << 20);
    let mut report = ClientReport::default();
    // xorshift for backoff jitter, seeded per task.
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64 ^ (task as u64 + 1);
    let mut jitter = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % 1000) as f64 / 1000.0
    };
    let mut sequence = 0;
    while !stop.load(Ordering::Relaxed) {
        sequence += 1;
        let id = document_id(phase.load(Ordering::Relaxed), task, sequence);
        let message = v1::PreprocessRequest {
            document_id: id.clone(),
            content: Some(v1::preprocess_request::Content::Text(ARTICLE.into())),
            ..Default::default()
        };
        let mut backoff = INITIAL_BACKOFF;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut request = tonic::Request::new(message.clone());
            request.set_timeout(ATTEMPT_TIMEOUT);
            let outcome = tokio::time::timeout(
                ATTEMPT_TIMEOUT + Duration::from_secs(1),
                client.preprocess(request),
            )
            .await
            .unwrap_or_else(|_| Err(Status::deadline_exceeded("client-side attempt timeout")));
            match outcome {
                Ok(response) => {
                    assert_eq!(response.get_ref().document_id, id, "answer to another call");
                    phase_calls[phase_of(&id)].fetch_add(1, Ordering::Relaxed);
                    report.succeeded.push(id);
                    *report.attempts.entry(attempt).or_default() += 1;
                    break;
                }
                Err(status) if retryable(&status) && attempt < MAX_ATTEMPTS => {
                    *report
                        .retried_codes
                        .entry(format!("{:?}", status.code()))
                        .or_default() += 1;
                    // Full jitter: a random wait up to the current backoff.
                    tokio::time::sleep(backoff.mul_f64(jitter().max(0.1))).await;
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                }
                Err(status) => {
                    report
                        .failed
                        .push((id, format!("{:?}: {}", status.code(), status.message())));
                    *report.attempts.entry(attempt).or_default() += 1;
                    break;
                }
            }
        }
    }
    report
}

/// Load on a stable set of instances: `STEADY`, and until `STEADY_MIN_CALLS` calls of
/// the phase succeeded (bounded).
async fn steady(calls: &AtomicUsize) {
    tokio::time::sleep(STEADY).await;
    let deadline = Instant::now() + STEADY_MAX_EXTRA;
    while calls.load(Ordering::Relaxed) < STEADY_MIN_CALLS && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rolling_update_under_load_loses_no_call() {
    tokio::time::timeout(TEST_BUDGET, rolling_update())
        .await
        .expect("the rolling update finishes within its time budget");
}

async fn rolling_update() {
    let started = Instant::now();
    // The resolver's view: endpoints keyed by instance name.
    let (channel, resolver) = Channel::balance_channel::<String>(16);
    let mut live: Vec<Instance> = Vec::new();
    let mut done: Vec<(String, ExitStatus, Served)> = Vec::new();
    for index in 0..INSTANCES {
        let mut instance = Instance::start(format!("old-{index}"));
        instance.wait_serving().await;
        resolver
            .send(Change::Insert(instance.name.clone(), instance.endpoint()))
            .await
            .expect("balancer alive");
        live.push(instance);
    }

    // Phase 0: steady load on the three first instances. Each membership change starts
    // a new phase; the last phase runs on the three replacements.
    let phase = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let phase_calls: Arc<Vec<AtomicUsize>> =
        Arc::new((0..PHASES).map(|_| AtomicUsize::new(0)).collect());
    let clients: Vec<_> = (0..CLIENT_TASKS)
        .map(|task| {
            tokio::spawn(client_task(
                task,
                channel.clone(),
                phase.clone(),
                phase_calls.clone(),
                stop.clone(),
            ))
        })
        .collect();
    steady(&phase_calls[0]).await;

    let rollout_started = Instant::now();
    for index in 0..INSTANCES {
        // maxSurge 1: the new pod first, in the endpoints once ready.
        let mut replacement = Instance::start(format!("new-{index}"));
        replacement.wait_serving().await;
        resolver
            .send(Change::Insert(
                replacement.name.clone(),
                replacement.endpoint(),
            ))
            .await
            .expect("balancer alive");
        phase.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(BETWEEN_STEPS).await;

        // maxUnavailable 0: then one old pod goes: out of the endpoints and SIGTERM at
        // once; it drains its in-flight calls and exits 0.
        let position = live
            .iter()
            .position(|instance| instance.name == format!("old-{index}"))
            .expect("old instance live");
        let mut old = live.remove(position);
        if index == LAGGING_STEP {
            // A resolver that learns late (no preStop delay, slow DNS): new calls still
            // go to the draining instance for a while; retries must absorb that.
            old.terminate();
            tokio::time::sleep(RESOLVER_LAG).await;
            resolver
                .send(Change::Remove(old.name.clone()))
                .await
                .expect("balancer alive");
        } else {
            resolver
                .send(Change::Remove(old.name.clone()))
                .await
                .expect("balancer alive");
            old.terminate();
        }
        phase.fetch_add(1, Ordering::Relaxed);
        let status = old.wait_exit().await;
        done.push((old.name.clone(), status, old.served()));
        live.push(replacement);
        tokio::time::sleep(BETWEEN_STEPS).await;
    }
    let rollout_time = rollout_started.elapsed();
    let last_phase = phase.load(Ordering::Relaxed);
    assert_eq!(last_phase, PHASES - 1);
    steady(&phase_calls[last_phase]).await;

    stop.store(true, Ordering::Relaxed);
    let mut reports = Vec::new();
    for client in clients {
        reports.push(client.await.expect("client task"));
    }
    drop(resolver);
    for mut instance in live {
        instance.terminate();
        let status = instance.wait_exit().await;
        done.push((instance.name.clone(), status, instance.served()));
    }

    // What the clients saw.
    let succeeded: Vec<&String> = reports.iter().flat_map(|r| &r.succeeded).collect();
    let failed: Vec<&(String, String)> = reports.iter().flat_map(|r| &r.failed).collect();
    let mut attempts: BTreeMap<u32, usize> = BTreeMap::new();
    let mut retried: BTreeMap<String, usize> = BTreeMap::new();
    for report in &reports {
        for (n, count) in &report.attempts {
            *attempts.entry(*n).or_default() += count;
        }
        for (code, count) in &report.retried_codes {
            *retried.entry(code.clone()).or_default() += count;
        }
    }

    // What the servers did.
    let mut served_by: BTreeMap<&str, &str> = BTreeMap::new();
    let mut duplicates = 0;
    println!(
        "rolling update: {} instances replaced in {:.1} s, {CLIENT_TASKS} client tasks, {:.1} s in all",
        INSTANCES,
        rollout_time.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "requests: {} succeeded, {} failed; attempts per call {attempts:?}; retried {retried:?}",
        succeeded.len(),
        failed.len()
    );
    println!("instance  exit  drained  calls  calls in phase 0 / phase {last_phase} (final)");
    for (name, status, served) in &done {
        let first = served
            .document_ids
            .iter()
            .filter(|id| phase_of(id) == 0)
            .count();
        let last = served
            .document_ids
            .iter()
            .filter(|id| phase_of(id) == last_phase)
            .count();
        println!(
            "{name:<9} {:<5} {:<8} {:>5}  {first:>5} / {last}",
            status
                .code()
                .map_or("signal".into(), |code| code.to_string()),
            served.drained,
            served.document_ids.len()
        );
        for id in &served.document_ids {
            if served_by.insert(id, name).is_some() {
                duplicates += 1;
            }
        }
    }
    println!("calls logged by two instances (a retry after a lost answer): {duplicates}");

    assert!(
        failed.is_empty(),
        "{} calls failed after retries, e.g. {:?}",
        failed.len(),
        &failed[..failed.len().min(5)]
    );
    assert!(
        succeeded.len() >= 100,
        "too little load to judge: {}",
        succeeded.len()
    );
    for (name, status, served) in &done {
        assert!(
            status.success(),
            "{name} exited with {status} after SIGTERM"
        );
        assert!(served.drained, "{name} did not log its drain");
        assert!(!served.document_ids.is_empty(), "{name} served no call");
    }
    let unaccounted: Vec<&&String> = succeeded
        .iter()
        .filter(|id| !served_by.contains_key(id.as_str()))
        .collect();
    assert!(
        unaccounted.is_empty(),
        "{} successful calls are in no instance's log (log format changed?), e.g. {:?}",
        unaccounted.len(),
        &unaccounted[..unaccounted.len().min(3)]
    );
    // Spread: with three live instances, each gets a fair share of a phase's calls.
    for (phase_index, who) in [(0, "old-"), (last_phase, "new-")] {
        let total = succeeded
            .iter()
            .filter(|id| phase_of(id) == phase_index)
            .count();
        assert!(
            total >= STEADY_MIN_CALLS,
            "phase {phase_index}: only {total} calls"
        );
        for (name, _, served) in done.iter().filter(|(name, ..)| name.starts_with(who)) {
            let count = served
                .document_ids
                .iter()
                .filter(|id| phase_of(id) == phase_index)
                .count();
            assert!(
                count * 100 >= total * 15,
                "phase {phase_index}: {name} served {count} of {total} calls; the balancer does not spread"
            );
        }
    }
}
