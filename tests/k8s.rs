//! Deployment files agree with what the server reads. `preprocessor::config` is the one
//! source of truth of ports, variable names, grace periods and stop signals; this test
//! reads `k8s/` (base and every overlay, merged the way kustomize merges them for the
//! parts checked here) and the `Containerfile`, and compares. scripts/k8s-check.sh
//! renders the same files with the real kustomize and validates them against the
//! Kubernetes schemas.

use std::{
    collections::{BTreeMap, BTreeSet},
    ffi::OsStr,
    fs,
    net::SocketAddr,
    path::{Path, PathBuf},
};

use clap::{Args as _, FromArgMatches as _};
use preprocessor::config::{self, ServeConfig};
use yaml_rust2::{Yaml, YamlLoader};

/// Name of the container in the Deployment.
const CONTAINER: &str = "preprocessor";
/// Name of the generated ConfigMap the container takes its environment from.
const CONFIG_MAP: &str = "preprocessor-config";
/// Variable the server reads besides `ENV_VARS` and `OTEL_ENV` (the log filter).
const RUST_LOG: &str = "RUST_LOG";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn load(path: &Path) -> Vec<Yaml> {
    YamlLoader::load_from_str(&read(path))
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
        .into_iter()
        .filter(|doc| !doc.is_null())
        .collect()
}

fn str_of<'a>(node: &'a Yaml, what: &str) -> &'a str {
    node.as_str()
        .unwrap_or_else(|| panic!("{what}: expected a string, got {node:?}"))
}

fn int_of(node: &Yaml, what: &str) -> i64 {
    node.as_i64()
        .unwrap_or_else(|| panic!("{what}: expected an integer, got {node:?}"))
}

fn vec_of<'a>(node: &'a Yaml, what: &str) -> &'a [Yaml] {
    node.as_vec()
        .unwrap_or_else(|| panic!("{what}: expected a list, got {node:?}"))
}

/// `matchLabels` or `labels` as a map.
fn labels(node: &Yaml) -> BTreeMap<String, String> {
    node.as_hash()
        .map(|hash| {
            hash.iter()
                .map(|(key, value)| (str_of(key, "label").into(), str_of(value, "label").into()))
                .collect()
        })
        .unwrap_or_default()
}

fn is_subset(wanted: &BTreeMap<String, String>, labels: &BTreeMap<String, String>) -> bool {
    wanted
        .iter()
        .all(|(key, value)| labels.get(key) == Some(value))
}

/// Strategic-merge subset: maps merge key by key, lists of named maps (containers,
/// ports, env) merge by name, anything else is replaced.
fn merge(target: &mut Yaml, patch: &Yaml) {
    match (target, patch) {
        (Yaml::Hash(target), Yaml::Hash(patch)) => {
            for (key, value) in patch {
                match target.get_mut(key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Yaml::Array(target), Yaml::Array(patch))
            if patch.iter().all(|item| item["name"].as_str().is_some()) =>
        {
            for item in patch {
                match target.iter_mut().find(|old| old["name"] == item["name"]) {
                    Some(existing) => merge(existing, item),
                    None => target.push(item.clone()),
                }
            }
        }
        (target, patch) => *target = patch.clone(),
    }
}

/// A kustomization as far as these checks need it: its objects with the patches
/// applied, and the data of the generated ConfigMap.
#[derive(Debug, Clone)]
struct Rendered {
    name: String,
    objects: Vec<Yaml>,
    config: BTreeMap<String, String>,
}

impl Rendered {
    fn of(dir: &Path) -> Self {
        let kustomization = load(&dir.join("kustomization.yaml")).remove(0);
        let mut rendered = Self {
            name: dir
                .strip_prefix(repo().join("k8s"))
                .unwrap_or(dir)
                .display()
                .to_string(),
            objects: Vec::new(),
            config: BTreeMap::new(),
        };
        for key in ["resources", "components"] {
            for entry in kustomization[key].as_vec().into_iter().flatten() {
                let path = dir.join(str_of(entry, key));
                if path.is_dir() {
                    let inner = Self::of(&path);
                    rendered.objects.extend(inner.objects);
                    rendered.config.extend(inner.config);
                } else {
                    rendered.objects.extend(load(&path));
                }
            }
        }
        for generator in kustomization["configMapGenerator"]
            .as_vec()
            .into_iter()
            .flatten()
        {
            assert_eq!(
                str_of(&generator["name"], "configMapGenerator name"),
                CONFIG_MAP
            );
            assert!(
                generator["envs"].is_badvalue() && generator["files"].is_badvalue(),
                "{}: keep the ConfigMap in `literals` (this test reads only those)",
                dir.display()
            );
            if generator["behavior"].as_str() == Some("replace") {
                rendered.config.clear();
            }
            for literal in vec_of(&generator["literals"], "literals") {
                let literal = str_of(literal, "literal");
                let (name, value) = literal
                    .split_once('=')
                    .unwrap_or_else(|| panic!("literal without '=': {literal}"));
                rendered.config.insert(name.into(), value.into());
            }
        }
        for patch in kustomization["patches"].as_vec().into_iter().flatten() {
            assert!(
                patch["target"].is_badvalue(),
                "{}: use strategic-merge patch files (this test applies only those)",
                dir.display()
            );
            for doc in load(&dir.join(str_of(&patch["path"], "patch path"))) {
                let kind = str_of(&doc["kind"], "patch kind");
                let name = str_of(&doc["metadata"]["name"], "patch name");
                let target = rendered
                    .objects
                    .iter_mut()
                    .find(|object| {
                        object["kind"] == doc["kind"]
                            && object["metadata"]["name"] == doc["metadata"]["name"]
                    })
                    .unwrap_or_else(|| {
                        panic!("{}: patch of a missing {kind} {name}", dir.display())
                    });
                merge(target, &doc);
            }
        }
        rendered
    }

    fn all(&self, kind: &str) -> Vec<&Yaml> {
        self.objects
            .iter()
            .filter(|object| object["kind"].as_str() == Some(kind))
            .collect()
    }

    fn one(&self, kind: &str) -> &Yaml {
        let all = self.all(kind);
        assert_eq!(all.len(), 1, "{}: one {kind} expected", self.name);
        all[0]
    }

    fn deployment(&self) -> &Yaml {
        self.one("Deployment")
    }

    fn pod(&self) -> &Yaml {
        &self.deployment()["spec"]["template"]["spec"]
    }

    fn container(&self) -> &Yaml {
        vec_of(&self.pod()["containers"], "containers")
            .iter()
            .find(|container| container["name"].as_str() == Some(CONTAINER))
            .unwrap_or_else(|| panic!("{}: no container {CONTAINER}", self.name))
    }

    fn pod_labels(&self) -> BTreeMap<String, String> {
        labels(&self.deployment()["spec"]["template"]["metadata"]["labels"])
    }

    /// Named container ports.
    fn container_ports(&self) -> BTreeMap<String, i64> {
        vec_of(&self.container()["ports"], "ports")
            .iter()
            .map(|port| {
                (
                    str_of(&port["name"], "port name").into(),
                    int_of(&port["containerPort"], "containerPort"),
                )
            })
            .collect()
    }

    /// The serve configuration the pods get: the ConfigMap's `PREPROCESSOR_*` values
    /// parsed by the server's own flags (as environment variables they take the same
    /// parser), everything else default.
    fn serve_config(&self) -> ServeConfig {
        let command = ServeConfig::augment_args(clap::Command::new("serve"));
        let mut argv = vec!["serve".to_string()];
        for (name, value) in &self.config {
            if !name.starts_with("PREPROCESSOR_") {
                continue;
            }
            let argument = command
                .get_arguments()
                .find(|argument| argument.get_env() == Some(OsStr::new(name)))
                .unwrap_or_else(|| panic!("{}: no serve flag reads {name}", self.name));
            let long = argument.get_long().expect("serve flags are long flags");
            argv.push(format!("--{long}={value}"));
        }
        let matches = command
            .try_get_matches_from(&argv)
            .unwrap_or_else(|error| panic!("{}: ConfigMap values rejected: {error}", self.name));
        ServeConfig::from_arg_matches(&matches)
            .unwrap_or_else(|error| panic!("{}: ConfigMap values rejected: {error}", self.name))
    }
}

/// k8s/base and every directory of k8s/overlays.
fn renderings() -> Vec<Rendered> {
    let k8s = repo().join("k8s");
    let mut dirs = vec![k8s.join("base")];
    let mut overlays: Vec<PathBuf> = fs::read_dir(k8s.join("overlays"))
        .expect("k8s/overlays")
        .map(|entry| entry.expect("overlay").path())
        .filter(|path| path.join("kustomization.yaml").is_file())
        .collect();
    overlays.sort();
    assert!(
        overlays.iter().any(|dir| dir.ends_with("dev"))
            && overlays.iter().any(|dir| dir.ends_with("prod")),
        "k8s/overlays/dev and k8s/overlays/prod expected"
    );
    dirs.extend(overlays);
    dirs.iter().map(|dir| Rendered::of(dir)).collect()
}

/// One instruction of the Containerfile: keyword (upper case) and its arguments.
type Instruction = (String, String);

/// The Containerfile's stages, each a list of instructions (continuation lines joined,
/// comments dropped).
fn containerfile_stages() -> Vec<Vec<Instruction>> {
    let text = read(&repo().join("Containerfile"));
    let mut instructions = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') || (trimmed.is_empty() && current.is_empty()) {
            continue;
        }
        match trimmed.strip_suffix('\\') {
            Some(head) => {
                current.push_str(head);
                current.push(' ');
            }
            None => {
                current.push_str(trimmed);
                let (keyword, rest) = current
                    .split_once(char::is_whitespace)
                    .unwrap_or((&current, ""));
                instructions.push((keyword.to_ascii_uppercase(), rest.trim().to_string()));
                current.clear();
            }
        }
    }
    let mut stages: Vec<Vec<Instruction>> = Vec::new();
    for instruction in instructions {
        if instruction.0 == "FROM" {
            stages.push(Vec::new());
        }
        if let Some(stage) = stages.last_mut() {
            stage.push(instruction);
        }
    }
    assert!(
        stages.len() >= 2,
        "Containerfile: a build and a runtime stage expected"
    );
    stages
}

fn runtime_stage() -> Vec<Instruction> {
    containerfile_stages().pop().expect("a stage")
}

fn instruction<'a>(stage: &'a [Instruction], keyword: &str) -> Vec<&'a str> {
    stage
        .iter()
        .filter(|(found, _)| found == keyword)
        .map(|(_, arguments)| arguments.as_str())
        .collect()
}

/// The runtime stage's USER as numeric (uid, gid).
fn containerfile_user() -> (i64, Option<i64>) {
    let stage = runtime_stage();
    let user = *instruction(&stage, "USER")
        .last()
        .expect("Containerfile: the runtime stage sets USER");
    let (uid, gid) = match user.split_once(':') {
        Some((uid, gid)) => (uid, Some(gid)),
        None => (user, None),
    };
    let uid: i64 = uid
        .parse()
        .unwrap_or_else(|_| panic!("Containerfile: USER {user} must be numeric"));
    let gid = gid.map(|gid| {
        gid.parse::<i64>()
            .unwrap_or_else(|_| panic!("Containerfile: USER {user}: numeric group expected"))
    });
    (uid, gid)
}

fn json_array(text: &str, what: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_else(|error| {
        panic!("Containerfile: {what} must be a JSON array (exec form): {error}")
    })
}

fn port_of(address: &str) -> u16 {
    address
        .parse::<SocketAddr>()
        .unwrap_or_else(|error| panic!("{address}: {error}"))
        .port()
}

#[test]
fn container_and_service_ports_are_the_configured_ones() {
    let grpc = i64::from(config::DEFAULT_GRPC_PORT);
    let metrics = i64::from(config::DEFAULT_METRICS_PORT);
    assert_eq!(port_of(config::DEFAULT_LISTEN), config::DEFAULT_GRPC_PORT);
    assert_eq!(
        port_of(config::DEFAULT_METRICS_LISTEN),
        config::DEFAULT_METRICS_PORT
    );
    for rendered in renderings() {
        let name = &rendered.name;
        let ports = rendered.container_ports();
        let expected =
            BTreeMap::from([("grpc".to_string(), grpc), ("metrics".to_string(), metrics)]);
        assert_eq!(ports, expected, "{name}: container ports");

        let serve = rendered.serve_config();
        assert_eq!(
            i64::from(serve.listen.port()),
            grpc,
            "{name}: PREPROCESSOR_LISTEN"
        );
        let metrics_listen = serve
            .metrics_listen
            .0
            .expect("metrics are served in the cluster");
        assert_eq!(
            i64::from(metrics_listen.port()),
            metrics,
            "{name}: PREPROCESSOR_METRICS_LISTEN"
        );

        let services = rendered.all("Service");
        assert_eq!(
            services.len(),
            2,
            "{name}: a ClusterIP and a headless Service"
        );
        for service in services {
            for port in vec_of(&service["spec"]["ports"], "Service ports") {
                let target = str_of(&port["targetPort"], "targetPort (by name)");
                let number = *ports.get(target).unwrap_or_else(|| {
                    panic!("{name}: Service targetPort {target} is no container port")
                });
                assert_eq!(
                    int_of(&port["port"], "port"),
                    number,
                    "{name}: Service port {target}"
                );
                assert_eq!(
                    port["name"].as_str(),
                    Some(target),
                    "{name}: Service port name"
                );
            }
        }

        let policy = rendered.one("NetworkPolicy");
        let allowed: BTreeSet<i64> = vec_of(&policy["spec"]["ingress"], "ingress")
            .iter()
            .flat_map(|rule| vec_of(&rule["ports"], "ingress ports"))
            .map(|port| int_of(&port["port"], "NetworkPolicy port"))
            .collect();
        assert_eq!(
            allowed,
            BTreeSet::from([grpc, metrics]),
            "{name}: NetworkPolicy ports"
        );
    }
}

#[test]
fn probes_are_grpc_health_checks_on_the_grpc_port() {
    let grpc = i64::from(config::DEFAULT_GRPC_PORT);
    for rendered in renderings() {
        let name = &rendered.name;
        let container = rendered.container();
        for probe in ["startupProbe", "livenessProbe", "readinessProbe"] {
            let check = &container[probe]["grpc"];
            assert_eq!(int_of(&check["port"], probe), grpc, "{name}: {probe} port");
        }
        assert_eq!(
            container["readinessProbe"]["grpc"]["service"].as_str(),
            Some(api::SERVICE_NAME),
            "{name}: readiness asks for the service's own status"
        );
        // Liveness and startup ask for the overall status ("" or absent).
        for probe in ["startupProbe", "livenessProbe"] {
            let service = &container[probe]["grpc"]["service"];
            assert!(
                service.is_badvalue() || service.as_str() == Some(""),
                "{name}: {probe}"
            );
        }
    }
}

#[test]
fn every_environment_variable_is_one_the_server_reads() {
    let known: BTreeSet<&str> = config::ENV_VARS
        .iter()
        .chain(config::OTEL_ENV)
        .copied()
        .chain([RUST_LOG])
        .collect();
    for rendered in renderings() {
        let name = &rendered.name;
        assert!(!rendered.config.is_empty(), "{name}: empty ConfigMap");
        let mut names: Vec<String> = rendered.config.keys().cloned().collect();
        for variable in rendered.container()["env"].as_vec().into_iter().flatten() {
            names.push(str_of(&variable["name"], "env name").into());
        }
        for variable in &names {
            assert!(
                known.contains(variable.as_str()),
                "{name}: {variable} is not read by the server (config::ENV_VARS, OTEL_ENV, RUST_LOG)"
            );
        }
        let sources: Vec<&str> = vec_of(&rendered.container()["envFrom"], "envFrom")
            .iter()
            .map(|source| str_of(&source["configMapRef"]["name"], "configMapRef"))
            .collect();
        assert_eq!(sources, [CONFIG_MAP], "{name}: envFrom");
        // Traces go to a collector, under the service's name.
        for variable in ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME"] {
            assert!(
                rendered.config.contains_key(variable),
                "{name}: {variable} unset"
            );
        }
        let endpoint = &rendered.config["OTEL_EXPORTER_OTLP_ENDPOINT"];
        assert!(
            endpoint.starts_with("http://") || endpoint.starts_with("https://"),
            "{name}: {endpoint}"
        );
    }
}

#[test]
fn configmap_values_are_accepted_by_the_server() {
    for rendered in renderings() {
        let serve = rendered.serve_config();
        let name = &rendered.name;
        assert!(
            serve.max_connection_age_secs > 0,
            "{name}: max connection age must be on"
        );
        assert!(
            rendered.config.contains_key(config::ENV_MAX_CONNECTION_AGE),
            "{name}"
        );
        assert!(
            rendered
                .config
                .contains_key(config::ENV_MAX_CONNECTION_AGE_GRACE),
            "{name}"
        );
        let expected = if name.contains("dev") {
            config::LogFormat::Pretty
        } else {
            config::LogFormat::Json
        };
        assert_eq!(
            serve.log_format, expected,
            "{name}: PREPROCESSOR_LOG_FORMAT"
        );
    }
}

#[test]
fn termination_grace_outlasts_the_drain() {
    for rendered in renderings() {
        let name = &rendered.name;
        let serve = rendered.serve_config();
        let pod = rendered.pod();
        let termination = int_of(
            &pod["terminationGracePeriodSeconds"],
            "terminationGracePeriodSeconds",
        );
        let pre_stop = rendered.container()["lifecycle"]["preStop"]["sleep"]["seconds"]
            .as_i64()
            .unwrap_or(0);
        let drain = i64::try_from(serve.shutdown_grace_secs).expect("grace fits");
        assert!(
            termination > pre_stop + drain,
            "{name}: terminationGracePeriodSeconds {termination} must exceed preStop {pre_stop} s + \
             {} {drain} s, or the kubelet kills calls still draining",
            config::ENV_SHUTDOWN_GRACE
        );
    }
}

#[test]
fn containerfile_ports_signal_and_command_match_the_server() {
    let stage = runtime_stage();
    let exposed: BTreeSet<u16> = instruction(&stage, "EXPOSE")
        .iter()
        .flat_map(|ports| ports.split_whitespace())
        .map(|port| {
            port.trim_end_matches("/tcp")
                .parse()
                .unwrap_or_else(|_| panic!("EXPOSE {port}"))
        })
        .collect();
    assert_eq!(
        exposed,
        BTreeSet::from([config::DEFAULT_GRPC_PORT, config::DEFAULT_METRICS_PORT]),
        "Containerfile: EXPOSE"
    );

    let signals = instruction(&stage, "STOPSIGNAL");
    assert_eq!(signals.len(), 1, "Containerfile: one STOPSIGNAL");
    assert!(
        config::SHUTDOWN_SIGNALS.contains(&signals[0]),
        "Containerfile: STOPSIGNAL {} is not one the server drains on ({:?})",
        signals[0],
        config::SHUTDOWN_SIGNALS
    );

    let entrypoint = json_array(
        instruction(&stage, "ENTRYPOINT")
            .last()
            .expect("ENTRYPOINT"),
        "ENTRYPOINT",
    );
    assert!(
        entrypoint[0].ends_with("/preprocessor"),
        "Containerfile: ENTRYPOINT {entrypoint:?}"
    );
    let command = json_array(instruction(&stage, "CMD").last().expect("CMD"), "CMD");
    assert_eq!(command, ["serve"], "Containerfile: CMD");
    for rendered in renderings() {
        let args: Vec<&str> = vec_of(&rendered.container()["args"], "args")
            .iter()
            .map(|arg| str_of(arg, "arg"))
            .collect();
        assert_eq!(args, ["serve"], "{}: container args", rendered.name);
        assert!(
            rendered.container()["command"].is_badvalue(),
            "{}: keep the image ENTRYPOINT",
            rendered.name
        );
    }
}

#[test]
fn containerfile_user_is_the_pods_non_root_user() {
    let (uid, gid) = containerfile_user();
    assert!(uid > 0, "Containerfile: USER must not be root");
    for rendered in renderings() {
        let name = &rendered.name;
        let pod = &rendered.pod()["securityContext"];
        let container = &rendered.container()["securityContext"];
        for (level, context) in [("pod", pod), ("container", container)] {
            assert_eq!(
                context["runAsNonRoot"].as_bool(),
                Some(true),
                "{name}: {level} runAsNonRoot"
            );
            assert_eq!(
                context["runAsUser"].as_i64(),
                Some(uid),
                "{name}: {level} runAsUser"
            );
            if let Some(gid) = gid {
                assert_eq!(
                    context["runAsGroup"].as_i64(),
                    Some(gid),
                    "{name}: {level} runAsGroup"
                );
            }
        }
        assert_eq!(
            pod["seccompProfile"]["type"].as_str(),
            Some("RuntimeDefault"),
            "{name}: seccomp"
        );
        assert_eq!(
            container["readOnlyRootFilesystem"].as_bool(),
            Some(true),
            "{name}"
        );
        assert_eq!(
            container["allowPrivilegeEscalation"].as_bool(),
            Some(false),
            "{name}"
        );
        let dropped: Vec<&str> = vec_of(&container["capabilities"]["drop"], "drop")
            .iter()
            .map(|capability| str_of(capability, "capability"))
            .collect();
        assert_eq!(dropped, ["ALL"], "{name}: capabilities");
        assert!(
            container["capabilities"]["add"].is_badvalue(),
            "{name}: no capability added"
        );
    }
}

#[test]
fn containerfile_builds_the_locked_workspace() {
    let stages = containerfile_stages();
    let build = &stages[0];
    let runs = instruction(build, "RUN").join(" ");
    let build_command = runs
        .split("&&")
        .map(str::trim)
        .find(|command| command.starts_with("cargo build") || command.contains(" cargo build"))
        .expect("Containerfile: a cargo build");
    for flag in ["--release", "--locked", "-p preprocessor"] {
        assert!(
            build_command.contains(flag),
            "Containerfile: `{build_command}` lacks {flag}"
        );
    }
    // Every workspace member's top directory, the contract and what include_str! reads.
    let copied: BTreeSet<String> = instruction(build, "COPY")
        .iter()
        .flat_map(|arguments| {
            let mut words: Vec<&str> = arguments
                .split_whitespace()
                .filter(|word| !word.starts_with("--"))
                .collect();
            words.pop(); // destination
            words
                .into_iter()
                .map(|source| source.trim_end_matches('/').to_string())
        })
        .collect();
    let manifest = read(&repo().join("Cargo.toml"));
    let members = manifest
        .split_once("members = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .expect("workspace members")
        .0;
    let mut needed: BTreeSet<String> = members
        .split(',')
        .map(|member| member.trim().trim_matches('"'))
        .filter(|member| !member.is_empty())
        .map(|member| member.split('/').next().expect("a path").to_string())
        .collect();
    needed.extend(["Cargo.toml", "Cargo.lock", "proto", "examples"].map(String::from));
    for path in &needed {
        assert!(
            copied.contains(path),
            "Containerfile: the build does not COPY {path} (copies {copied:?})"
        );
    }
    let ignored = read(&repo().join(".dockerignore"));
    for line in ignored.lines().map(str::trim) {
        let line = line.trim_end_matches('/');
        assert!(
            !needed.contains(line) && !copied.contains(line),
            ".dockerignore excludes {line}, which the build copies"
        );
    }
}

#[test]
fn selectors_match_the_pods() {
    for rendered in renderings() {
        let name = &rendered.name;
        let pod_labels = rendered.pod_labels();
        let deployment = rendered.deployment();
        let selector = labels(&deployment["spec"]["selector"]["matchLabels"]);
        assert!(
            !selector.is_empty() && is_subset(&selector, &pod_labels),
            "{name}: Deployment selector"
        );

        let services = rendered.all("Service");
        let headless: Vec<_> = services
            .iter()
            .filter(|service| service["spec"]["clusterIP"].as_str() == Some("None"))
            .collect();
        assert_eq!(headless.len(), 1, "{name}: one headless Service");
        for service in &services {
            let selector = labels(&service["spec"]["selector"]);
            assert!(
                !selector.is_empty() && is_subset(&selector, &pod_labels),
                "{name}: Service selector"
            );
        }

        for (kind, path) in [
            (
                "PodDisruptionBudget",
                vec!["spec", "selector", "matchLabels"],
            ),
            ("NetworkPolicy", vec!["spec", "podSelector", "matchLabels"]),
        ] {
            let node = path
                .iter()
                .fold(rendered.one(kind), |node, key| &node[*key]);
            let selector = labels(node);
            assert!(
                !selector.is_empty() && is_subset(&selector, &pod_labels),
                "{name}: {kind} selector"
            );
        }
        for constraint in vec_of(
            &rendered.pod()["topologySpreadConstraints"],
            "topologySpreadConstraints",
        ) {
            let selector = labels(&constraint["labelSelector"]["matchLabels"]);
            assert!(
                is_subset(&selector, &pod_labels),
                "{name}: topology spread selector"
            );
        }
        let hostname_spread = vec_of(&rendered.pod()["topologySpreadConstraints"], "spread")
            .iter()
            .any(|constraint| constraint["topologyKey"].as_str() == Some("kubernetes.io/hostname"));
        assert!(hostname_spread, "{name}: replicas spread across nodes");
    }
}

#[test]
fn autoscaler_and_replicas_agree() {
    for rendered in renderings() {
        let name = &rendered.name;
        let deployment = rendered.deployment();
        let hpa = rendered.one("HorizontalPodAutoscaler");
        assert_eq!(hpa["apiVersion"].as_str(), Some("autoscaling/v2"), "{name}");
        assert_eq!(
            hpa["spec"]["scaleTargetRef"]["kind"].as_str(),
            Some("Deployment"),
            "{name}"
        );
        assert_eq!(
            hpa["spec"]["scaleTargetRef"]["name"], deployment["metadata"]["name"],
            "{name}"
        );
        let min = int_of(&hpa["spec"]["minReplicas"], "minReplicas");
        let max = int_of(&hpa["spec"]["maxReplicas"], "maxReplicas");
        let replicas = int_of(&deployment["spec"]["replicas"], "replicas");
        assert!(min <= max, "{name}: minReplicas {min} > maxReplicas {max}");
        assert_eq!(
            replicas, min,
            "{name}: Deployment replicas = HPA minReplicas"
        );
        if !name.contains("dev") {
            assert!(min >= 2, "{name}: at least two replicas outside dev");
        }
        let window = int_of(
            &hpa["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"],
            "scaleDown stabilizationWindowSeconds",
        );
        assert!(window >= 60, "{name}: scale-down stabilization {window} s");
        let cpu = vec_of(&hpa["spec"]["metrics"], "metrics")
            .iter()
            .any(|metric| metric["resource"]["name"].as_str() == Some("cpu"));
        assert!(cpu, "{name}: scales on CPU");
        // Utilization targets are relative to requests, so CPU must be requested.
        let requests = &rendered.container()["resources"]["requests"];
        assert!(
            !requests["cpu"].is_badvalue() && !requests["memory"].is_badvalue(),
            "{name}: requests"
        );
        assert!(
            !rendered.container()["resources"]["limits"]["memory"].is_badvalue(),
            "{name}: memory limit"
        );
    }
}
