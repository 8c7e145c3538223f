/**
 * Compose keys the stack has no equivalent for, each with the reason the report gives. A key in neither
 * this table nor the converters' is still reported as dropped, with the generic reason: nothing is
 * passed over silently.
 */
const RESTART = "a test stack is started per run: nothing restarts it";
const LIMITS = "resource limits are for running in production; the stack's containers run without them";
const HOST_ACCESS =
  "privileges and kernel settings of the Docker host: the stack's containers run with Dagger's defaults";
const NAMES =
  "the stack's services reach each other by service name; values naming it were rebuilt from the stack";
const NETWORK = "names resolve through the stack's service bindings, not Docker's networking";
const TERMINAL = "nobody attaches a terminal to a test stack's containers";
const LIFECYCLE = "the stack starts and stops its containers itself";

export const DROPPED_KEYS: Readonly<Record<string, string>> = {
  restart: RESTART,
  deploy: "replicas, placement and resource limits are for production; a test stack runs one of each",
  scale: "the stack runs one container per service",
  logging: "the stack has no log drivers: a container's output shows in Dagger's output",
  log_driver: "the stack has no log drivers: a container's output shows in Dagger's output",
  log_opt: "the stack has no log drivers: a container's output shows in Dagger's output",
  labels: "labels are read by tools around Docker; nothing reads them in a test stack",
  label_file: "labels are read by tools around Docker; nothing reads them in a test stack",
  annotations: "annotations are read by tools around Docker; nothing reads them in a test stack",
  container_name: NAMES,
  hostname: NAMES,
  domainname: NAMES,
  network_mode: NETWORK,
  dns: NETWORK,
  dns_opt: NETWORK,
  dns_search: NETWORK,
  extra_hosts: NETWORK,
  mac_address: NETWORK,
  external_links: NETWORK,
  ulimits: LIMITS,
  cpus: LIMITS,
  cpu_count: LIMITS,
  cpu_percent: LIMITS,
  cpu_shares: LIMITS,
  cpu_quota: LIMITS,
  cpu_period: LIMITS,
  cpu_rt_period: LIMITS,
  cpu_rt_runtime: LIMITS,
  cpuset: LIMITS,
  mem_limit: LIMITS,
  mem_reservation: LIMITS,
  mem_swappiness: LIMITS,
  memswap_limit: LIMITS,
  pids_limit: LIMITS,
  shm_size: LIMITS,
  blkio_config: LIMITS,
  oom_kill_disable: LIMITS,
  oom_score_adj: LIMITS,
  gpus: LIMITS,
  privileged: HOST_ACCESS,
  cap_add: HOST_ACCESS,
  cap_drop: HOST_ACCESS,
  security_opt: HOST_ACCESS,
  devices: HOST_ACCESS,
  device_cgroup_rules: HOST_ACCESS,
  sysctls: HOST_ACCESS,
  userns_mode: HOST_ACCESS,
  ipc: HOST_ACCESS,
  pid: HOST_ACCESS,
  uts: HOST_ACCESS,
  isolation: HOST_ACCESS,
  cgroup: HOST_ACCESS,
  cgroup_parent: HOST_ACCESS,
  group_add: HOST_ACCESS,
  runtime: HOST_ACCESS,
  storage_opt: HOST_ACCESS,
  credential_spec: HOST_ACCESS,
  use_api_socket: HOST_ACCESS,
  init: "the stack runs the image's command as it is, without Docker's init process",
  read_only: "the stack's containers are thrown away after each run",
  tty: TERMINAL,
  stdin_open: TERMINAL,
  attach: TERMINAL,
  stop_signal: LIFECYCLE,
  stop_grace_period: LIFECYCLE,
  post_start:
    "lifecycle hooks have no equivalent in the stack; run the command in the service's own start-up",
  pre_stop: "lifecycle hooks have no equivalent in the stack; run the command in the service's own start-up",
  platform: "images are pulled and built for the Dagger engine's platform",
  pull_policy: "the engine pulls the pinned image when it is not in its cache",
  develop: "compose watch is for development; the stack runs the code as built",
  volumes_from: "the stack mounts each container's folders itself; mount what it needs in its own mounts",
  provider: "a provider service is run by a compose plugin, not a container the stack can start",
  models: "AI models are served by a compose plugin, not a container the stack can start",
};

export const DROPPED_WORKFLOW_KEYS: Readonly<Record<string, string>> = {
  credentials:
    "registry credentials stay with the workflow: the Dagger engine pulls with the registry logins where the stack runs (docker login)",
};

export const UNKNOWN_KEY = "create-dagger-stack has no equivalent for it";

export function extensionKeyReason(key: string): string | undefined {
  return key.startsWith("x-") ? "an extension field, which compose ignores too" : undefined;
}
