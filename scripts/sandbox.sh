#!/usr/bin/env bash
# A private containerd with seeded demo workloads, for ctop-ts demos, tests and benchmarks.
#
#   sandbox.sh install        apt-get install containerd runc busybox-static if any is missing (root)
#   sandbox.sh up             start the daemon, build/import the demo image, seed workloads (idempotent)
#   sandbox.sh down [--purge] stop every task, the daemon and its shims; --purge also deletes root/state
#   sandbox.sh address        print the socket path
#   sandbox.sh status         is it running, and the containers per namespace
#   sandbox.sh reseed         remove the seeded workloads and seed them again
#
# Everything lives under /var/lib/ctop-ts-sandbox and /run/ctop-ts-sandbox, so the system's own
# containerd (if any) is never touched: separate socket, root, state, runc root and cgroup parent.
set -euo pipefail

readonly DATA=/var/lib/ctop-ts-sandbox
readonly RUN=/run/ctop-ts-sandbox
readonly ROOT=$DATA/root
readonly STATE=$RUN/state
readonly SOCK=$RUN/containerd.sock
readonly CFG=$DATA/config.toml
readonly LOG=$DATA/containerd.log
readonly PIDFILE=$RUN/containerd.pid
# runc state of sandbox tasks; kept out of /run/containerd/runc so ids can't clash with the system daemon.
readonly RUNC_ROOT=$RUN/runc
# Parent cgroup of the seeded tasks (ctr's default would be /<ns>/<id>, shared with the system daemon).
readonly CGROUP_PARENT=ctop-ts-sandbox
readonly IMAGE_DIR=$DATA/image
readonly IMAGE_TAR=$IMAGE_DIR/ctop-demo.tar
readonly IMAGE_REPO=docker.io/library/ctop-demo
readonly IMAGE=$IMAGE_REPO:latest
# Outside $RUN so that `down --purge` can delete $RUN while holding the lock.
readonly LOCKFILE=/run/ctop-ts-sandbox.lock
readonly NAMESPACES=(default k8s.io build)
readonly MEM_HOG_BYTES=67108864 # 64 MiB held by mem-hog

log() { echo "sandbox: $*"; }
die() { echo "sandbox: error: $*" >&2; exit 1; }

need_root() {
  [[ $(id -u) -eq 0 ]] || die "'$1' needs root (try: sudo bash scripts/sandbox.sh $1)"
}

# Serialise concurrent invocations (parallel test runs all call `up`).
lock() {
  exec 9>"$LOCKFILE"
  flock -w 300 9 || die "timed out waiting for $LOCKFILE"
}

c() { ctr --address "$SOCK" "$@"; }

# ---------------------------------------------------------------------------------------------
# install

have_static_busybox() {
  local bb
  bb=$(command -v busybox 2>/dev/null) || return 1
  # The image copies this binary, so it must not need the host's libc.
  local out
  out=$(LC_ALL=C ldd "$bb" 2>&1) || true # ldd fails (rc 1) on static binaries
  [[ $out == *"not a dynamic"* || $out == *"statically linked"* ]]
}

missing_tools() {
  local t
  for t in containerd runc ctr containerd-shim-runc-v2; do
    command -v "$t" >/dev/null 2>&1 || return 0
  done
  have_static_busybox || return 0
  return 1
}

cmd_install() {
  missing_tools || return 0
  need_root install
  command -v apt-get >/dev/null || die "containerd/runc/ctr/busybox-static missing and no apt-get to install them"
  log "installing containerd runc busybox-static"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq containerd runc busybox-static >/dev/null
  missing_tools && die "tools still missing after apt-get install"
  return 0
}

# ---------------------------------------------------------------------------------------------
# daemon

# The -S test matters: without a socket file, ctr keeps redialling until its timeout.
daemon_answers() {
  [[ -S $SOCK ]] && timeout 5 ctr --address "$SOCK" --connect-timeout 2s version >/dev/null 2>&1
}

# Pids of sandbox daemons, found by command line (the pidfile may be stale or gone).
daemon_pids() {
  ps -eo pid=,args= | awk -v s="--address $SOCK" '$2 ~ /(^|\/)containerd$/ && index($0, s) { print $1 }'
}

# Shims serving the sandbox daemon: their command line carries `-address <our socket>`.
shim_pids() {
  ps -eo pid=,args= | awk -v s="-address $SOCK" '$2 ~ /containerd-shim/ && index($0, s) { print $1 }'
}

# Processes in the sandbox's cgroups, i.e. container processes of sandbox tasks.
cgroup_pids() {
  local d
  for d in /sys/fs/cgroup/*/"$CGROUP_PARENT" /sys/fs/cgroup/"$CGROUP_PARENT"; do
    if [[ -d $d ]]; then find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null || true; fi
  done | sort -un
}

# kill -0 also succeeds for zombies, which this VM's init reaps only now and then.
alive() {
  local st
  st=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $st != Z* ]]
}

sandbox_mounts() {
  awk -v a="$RUN" -v b="$DATA" '
    function under(p, d) { return p == d || index(p, d "/") == 1 }
    under($2, a) || under($2, b) { print $2 }' /proc/mounts
}

write_config() {
  # Only what ctr and ctop need: no CRI (slow, noisy start), no exotic snapshotters, no tracing,
  # no debug/metrics listeners. The v1 runtime stays: the tasks service refuses to load without it.
  cat >"$CFG" <<EOF
version = 2
root = "$ROOT"
state = "$STATE"
disabled_plugins = [
  "io.containerd.grpc.v1.cri",
  "io.containerd.snapshotter.v1.aufs",
  "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.devmapper",
  "io.containerd.snapshotter.v1.zfs",
  "io.containerd.tracing.processor.v1.otlp",
  "io.containerd.internal.v1.tracing",
]

[grpc]
  address = "$SOCK"

[ttrpc]
  address = "$SOCK.ttrpc"

[debug]
  address = ""
  level = "warn"

[metrics]
  address = ""

[plugins."io.containerd.internal.v1.opt"]
  path = "$DATA/opt"
EOF
}

start_daemon() {
  if daemon_answers; then return 0; fi
  local stale
  stale=$(daemon_pids)
  [[ -z $stale ]] || die "a sandbox containerd (pid $stale) runs but does not answer; run: sandbox.sh down"
  mkdir -p "$DATA" "$ROOT" "$RUN" "$STATE"
  write_config
  rm -f "$SOCK" "$SOCK.ttrpc"
  # setsid: not in the caller's process group or session, so it outlives `npm test` and its ^C.
  # 9>&- : the daemon must not inherit our lock.
  setsid containerd --config "$CFG" --root "$ROOT" --state "$STATE" --address "$SOCK" \
    </dev/null >>"$LOG" 2>&1 9>&- &
  local pid=$!
  echo "$pid" >"$PIDFILE"
  local deadline=$((SECONDS + 20))
  until daemon_answers; do
    if ! alive "$pid" || ((SECONDS >= deadline)); then
      echo "sandbox: containerd did not come up; last lines of $LOG:" >&2
      tail -n 30 "$LOG" >&2 || true
      kill "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.1
  done
  log "containerd started (pid $pid, $SOCK)"
}

# ---------------------------------------------------------------------------------------------
# demo image: busybox-static in an OCI layout, built reproducibly (same busybox => same digests)

image_arch() {
  local a
  a=$(dpkg --print-architecture 2>/dev/null || uname -m)
  case $a in
    x86_64 | amd64) echo amd64 ;;
    aarch64 | arm64) echo arm64 ;;
    armhf | armv7l) echo arm ;;
    i386 | i686) echo 386 ;;
    *) echo "$a" ;;
  esac
}

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }

# Moves FILE into the layout's blob store and prints its digest.
add_blob() {
  local d
  d=$(sha "$1")
  mv "$1" "$2/blobs/sha256/$d"
  echo "$d"
}

# Identifies what the cached tar was built from; bump IMAGE_RECIPE when build_image changes.
readonly IMAGE_RECIPE=1
image_key() { echo "recipe=$IMAGE_RECIPE arch=$(image_arch) busybox=$(sha "$(command -v busybox)")"; }

# Digest of the manifest in the cached tar (recorded next to it at build time).
image_digest() { cat "$IMAGE_TAR.digest"; }

build_image() {
  local key
  key=$(image_key)
  [[ -s $IMAGE_TAR && -s $IMAGE_TAR.digest && $(cat "$IMAGE_TAR.key" 2>/dev/null) == "$key" ]] && return 0
  local bb tmp
  bb=$(command -v busybox)
  mkdir -p "$IMAGE_DIR"
  tmp=$(mktemp -d "$IMAGE_DIR/build.XXXXXX")
  # shellcheck disable=SC2064 # expand now: tmp is local
  trap "rm -rf '$tmp'" EXIT
  local rootfs=$tmp/rootfs oci=$tmp/oci
  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,dev,proc,sys,var/tmp} "$oci/blobs/sha256"
  install -m 0755 "$bb" "$rootfs/bin/busybox"
  # One symlink per applet, in the directory busybox itself would use (so PATH finds them all).
  local applet
  while read -r applet; do
    [[ $applet == */* && $applet != bin/busybox ]] || continue
    ln -sf /bin/busybox "$rootfs/$applet"
  done < <("$bb" --list-full)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  echo ctop-demo >"$rootfs/etc/hostname"
  chmod 0755 "$rootfs" "$rootfs"/{bin,sbin,usr,usr/bin,usr/sbin,etc,dev,proc,sys,var}
  chmod 0700 "$rootfs/root"
  chmod 1777 "$rootfs/tmp" "$rootfs/var/tmp"
  chmod 0644 "$rootfs"/etc/{passwd,group,hostname}

  # Reproducible layer: fixed order, times, owners; gzip without name/time.
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu \
    -C "$rootfs" -cf "$tmp/layer.tar" .
  local diff_id layer layer_size config config_size manifest manifest_size arch
  diff_id=$(sha "$tmp/layer.tar")
  gzip -n -9 "$tmp/layer.tar"
  layer_size=$(size "$tmp/layer.tar.gz")
  layer=$(add_blob "$tmp/layer.tar.gz" "$oci")
  arch=$(image_arch)

  printf '%s' '{"architecture":"'"$arch"'","os":"linux","created":"1970-01-01T00:00:00Z",'\
'"config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"],"WorkingDir":"/"},'\
'"rootfs":{"type":"layers","diff_ids":["sha256:'"$diff_id"'"]},'\
'"history":[{"created":"1970-01-01T00:00:00Z","created_by":"scripts/sandbox.sh build_image"}]}' >"$tmp/config.json"
  config_size=$(size "$tmp/config.json")
  config=$(add_blob "$tmp/config.json" "$oci")

  printf '%s' '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",'\
'"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:'"$config"'","size":'"$config_size"'},'\
'"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:'"$layer"'","size":'"$layer_size"'}]}' \
    >"$tmp/manifest.json"
  manifest_size=$(size "$tmp/manifest.json")
  manifest=$(add_blob "$tmp/manifest.json" "$oci")

  # io.containerd.image.name gives ctr the full name; ref.name + --base-name covers other importers.
  printf '%s' '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{'\
'"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:'"$manifest"'","size":'"$manifest_size"','\
'"platform":{"architecture":"'"$arch"'","os":"linux"},'\
'"annotations":{"io.containerd.image.name":"'"$IMAGE"'","org.opencontainers.image.ref.name":"latest"}}]}' >"$oci/index.json"
  printf '%s' '{"imageLayoutVersion":"1.0.0"}' >"$oci/oci-layout"
  touch -d @0 "$oci" "$oci"/* "$oci"/blobs "$oci"/blobs/sha256 "$oci"/blobs/sha256/*

  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu \
    -C "$oci" -cf "$tmp/image.tar" oci-layout index.json blobs
  mv "$tmp/image.tar" "$IMAGE_TAR"
  echo "sha256:$manifest" >"$IMAGE_TAR.digest"
  echo "$key" >"$IMAGE_TAR.key"
  rm -rf "$tmp"
  trap - EXIT
  log "built $IMAGE ($IMAGE_TAR, manifest sha256:${manifest:0:12})"
}

# Digest of $IMAGE in namespace $1, or empty.
image_in_ns() { c -n "$1" images ls "name==$IMAGE" | awk -v n="$IMAGE" 'NR > 1 && $1 == n { print $3 }'; }

# Imports the demo image into namespace $1 unless that exact image is there already
# (a rebuilt tar replaces the old image; containers keep their snapshots).
import_image() {
  local ns=$1 want
  want=$(image_digest)
  [[ $(image_in_ns "$ns") == "$want" ]] && return 0
  c -n "$ns" images import --base-name "$IMAGE_REPO" "$IMAGE_TAR" >/dev/null
  [[ $(image_in_ns "$ns") == "$want" ]] || die "import into $ns did not create $IMAGE@$want"
  log "imported $IMAGE into $ns"
}

# ---------------------------------------------------------------------------------------------
# workloads

# Status of the task of container $2 in namespace $1, or empty when it has no task.
task_status() { c -n "$1" tasks ls | awk -v id="$2" 'NR > 1 && $1 == id { print $3 }'; }
container_exists() { c -n "$1" containers ls -q | grep -xF -- "$2" >/dev/null; }

wait_status() { # ns id status timeout_s
  local deadline=$((SECONDS + $4))
  until [[ $(task_status "$1" "$2") == "$3" ]]; do
    ((SECONDS < deadline)) || die "$1/$2 did not reach $3 within $4 s"
    sleep 0.1
  done
}

# Ensures container $2 in namespace $1 exists and its task runs.
#   ensure_task NS ID MODE [ctr run flags...] -- CMD...
# MODE running: the task must be RUNNING (a paused one is resumed, a stopped one replaced);
# MODE exited:  any task is fine; if none, start one and wait until it has stopped.
ensure_task() {
  local ns=$1 id=$2 mode=$3
  shift 3
  local flags=()
  while [[ $1 != -- ]]; do flags+=("$1"); shift; done
  shift
  local st
  if ! container_exists "$ns" "$id"; then
    c -n "$ns" run -d --null-io --runc-root "$RUNC_ROOT" --cgroup "/$CGROUP_PARENT/$ns/$id" \
      "${flags[@]}" "$IMAGE" "$id" "$@" >/dev/null
    log "seeded $ns/$id"
  else
    st=$(task_status "$ns" "$id")
    if [[ $mode == running && $st == PAUSED ]]; then
      # Paused (by a test, say): resume rather than replace, so the pid stays.
      c -n "$ns" tasks resume "$id"
      log "resumed $ns/$id"
      return 0
    fi
    if [[ $mode == running && -n $st && $st != RUNNING ]]; then
      remove_task "$ns" "$id"
      st=
    fi
    [[ -n $st ]] && return 0
    c -n "$ns" tasks start -d --null-io "$id" >/dev/null
    log "started $ns/$id"
  fi
  if [[ $mode == exited ]]; then wait_status "$ns" "$id" STOPPED 10; fi
  return 0
}

ensure_created() { # ns id [ctr create flags...]
  local ns=$1 id=$2
  shift 2
  container_exists "$ns" "$id" && return 0
  c -n "$ns" containers create "$@" "$IMAGE" "$id" >/dev/null
  log "seeded $ns/$id (created, no task)"
}

# Waits until mem-hog's cgroup holds its 64 MiB, so `up` returns with stable numbers.
wait_mem_hog() {
  local f=/sys/fs/cgroup/memory/$CGROUP_PARENT/default/mem-hog/memory.usage_in_bytes
  [[ -r $f ]] || f=/sys/fs/cgroup/$CGROUP_PARENT/default/mem-hog/memory.current # cgroup v2
  [[ -r $f ]] || return 0
  local deadline=$((SECONDS + 15))
  until (($(cat "$f") >= MEM_HOG_BYTES)); do
    ((SECONDS < deadline)) || die "mem-hog holds only $(cat "$f") bytes after 15 s"
    sleep 0.1
  done
}

readonly SLEEP_FOREVER=(sleep 2147483647)
readonly POD_LABELS=(
  --label io.kubernetes.pod.name=web-7d9f8
  --label io.kubernetes.pod.namespace=shop
  --label io.kubernetes.pod.uid=3f1c9a52-8e0b-4d7a-9b61-2c5e4f7a1d90
)
# Every seeded workload as "ns/id"; reseed removes exactly these.
readonly SEEDED=(default/idle default/cpu-quarter default/mem-hog default/exited default/created
  k8s.io/pause-web k8s.io/web-app build/builder-1 build/demo-app)

seed() {
  ensure_task default idle running -- "${SLEEP_FOREVER[@]}"
  ensure_task default cpu-quarter running --cpus 0.25 -- sh -c 'while :; do :; done'
  # dd's 64 MiB buffer is filled from /dev/zero (so every page is touched: anonymous RSS), then dd
  # blocks forever writing it into a pipe nobody reads.
  ensure_task default mem-hog running --memory-limit 268435456 -- \
    sh -c "dd if=/dev/zero bs=$MEM_HOG_BYTES count=1 2>/dev/null | sleep 2147483647"
  wait_mem_hog
  ensure_task default exited exited -- sh -c 'exit 3'
  ensure_created default created

  # A pod as the CRI plugin would label it (labels from kubelet + CRI, annotations from CRI).
  ensure_task k8s.io pause-web running "${POD_LABELS[@]}" \
    --label io.cri-containerd.kind=sandbox \
    --annotation io.kubernetes.cri.container-type=sandbox \
    --annotation io.kubernetes.cri.sandbox-id=pause-web \
    --annotation io.kubernetes.cri.sandbox-name=web-7d9f8 \
    --annotation io.kubernetes.cri.sandbox-namespace=shop \
    -- "${SLEEP_FOREVER[@]}"
  ensure_task k8s.io web-app running "${POD_LABELS[@]}" \
    --label io.cri-containerd.kind=container \
    --label io.kubernetes.container.name=nginx \
    --annotation io.kubernetes.cri.container-type=container \
    --annotation io.kubernetes.cri.sandbox-id=pause-web \
    --annotation io.kubernetes.cri.container-name=nginx \
    --annotation io.kubernetes.cri.image-name="$IMAGE" \
    -- "${SLEEP_FOREVER[@]}"

  ensure_task build builder-1 running --label nerdctl/name=builder -- "${SLEEP_FOREVER[@]}"
  ensure_task build demo-app running --label app=demo -- "${SLEEP_FOREVER[@]}"
}

# Kills and deletes the task of $1/$2 (if any); waits for it to be gone.
remove_task() {
  local ns=$1 id=$2 st
  st=$(task_status "$ns" "$id")
  [[ -n $st ]] || return 0
  [[ $st == PAUSED ]] && c -n "$ns" tasks resume "$id"
  # -f = SIGKILL, wait for the exit, then delete. ctr warns about every non-zero exit status
  # (137 here): only show its output when it fails.
  local out
  out=$(c -n "$ns" tasks delete -f "$id" 2>&1) || { echo "$out" >&2; return 1; }
}

unseed() {
  local w ns id
  for w in "${SEEDED[@]}"; do
    ns=${w%%/*} id=${w#*/}
    remove_task "$ns" "$id"
    if container_exists "$ns" "$id"; then
      c -n "$ns" containers delete "$id"
      log "removed $ns/$id"
    fi
  done
}

# ---------------------------------------------------------------------------------------------
# commands

cmd_up() {
  need_root up
  cmd_install
  lock
  start_daemon
  build_image
  local ns
  for ns in "${NAMESPACES[@]}"; do import_image "$ns"; done
  seed
}

cmd_reseed() {
  need_root reseed
  lock
  daemon_answers || die "sandbox is not running (run: sandbox.sh up)"
  unseed
  build_image
  local ns
  for ns in "${NAMESPACES[@]}"; do import_image "$ns"; done
  seed
}

# Last resort for tasks the daemon could not stop: kill the shims' children (the container
# init processes; their pid namespaces die with them), then the shims.
kill_shims() {
  local pids p kids
  pids=$(shim_pids)
  if [[ -z $pids ]]; then
    kill_cgroup_pids
    return 0
  fi
  for p in $pids; do
    kids=$(ps -o pid= --ppid "$p" || true)
    # shellcheck disable=SC2086
    [[ -z $kids ]] || kill -KILL $kids 2>/dev/null || true
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  log "killed leftover shims: $(echo $pids)"
  kill_cgroup_pids
  sleep 0.3
  # Their runc state is now stale: delete it so it does not resurface.
  if [[ -d $RUNC_ROOT ]] && command -v runc >/dev/null; then
    local d id
    for d in "$RUNC_ROOT"/*/; do
      [[ -d $d ]] || continue
      for id in $(runc --root "$d" list -q 2>/dev/null); do
        runc --root "$d" delete -f "$id" >/dev/null 2>&1 || true
      done
    done
  fi
}

# Container processes that outlived their shim (their cgroup says they are ours).
kill_cgroup_pids() {
  local pids
  pids=$(cgroup_pids)
  [[ -n $pids ]] || return 0
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  log "killed leftover container processes: $(echo $pids)"
}

stop_daemon() {
  local pids p deadline
  pids=$(daemon_pids)
  if [[ -f $PIDFILE ]]; then
    p=$(cat "$PIDFILE")
    # Only trust the pidfile if that pid still is our daemon (pids get reused).
    if [[ -n $p && -r /proc/$p/cmdline ]] && tr '\0' ' ' </proc/"$p"/cmdline | grep -F -- "--address $SOCK" >/dev/null; then
      pids="$pids $p"
    fi
  fi
  pids=$(echo "$pids" | tr ' ' '\n' | sort -un | tr '\n' ' ')
  if [[ -n ${pids// /} ]]; then
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    deadline=$((SECONDS + 10))
    for p in $pids; do
      while alive "$p" && ((SECONDS < deadline)); do sleep 0.1; done
      if alive "$p"; then
        kill -KILL "$p" 2>/dev/null || true
        log "containerd $p ignored SIGTERM; killed"
      fi
    done
    log "containerd stopped"
  fi
  rm -f "$PIDFILE" "$SOCK" "$SOCK.ttrpc"
}

unmount_all() {
  local m
  # Deepest first, so nested mounts go before their parents.
  while read -r m; do
    [[ -n $m ]] || continue
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || echo "sandbox: cannot unmount $m" >&2
  done < <(sandbox_mounts | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2-)
}

# Removes the (empty) cgroups of sandbox tasks, deepest first.
remove_cgroups() {
  local d
  for d in /sys/fs/cgroup/*/"$CGROUP_PARENT" /sys/fs/cgroup/"$CGROUP_PARENT"; do
    [[ -d $d ]] || continue
    find "$d" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
}

cmd_down() {
  need_root down
  local purge=0
  [[ ${1:-} == --purge ]] && purge=1
  lock
  if daemon_answers; then
    # Tasks first: the daemon leaves shims and containers running when it exits.
    local ns id
    for ns in $(c namespaces ls -q); do
      for id in $(c -n "$ns" tasks ls -q); do
        remove_task "$ns" "$id" || echo "sandbox: could not delete task $ns/$id" >&2
      done
    done
  fi
  stop_daemon
  kill_shims
  unmount_all
  remove_cgroups
  if ((purge)); then
    [[ -z $(sandbox_mounts) ]] || die "mounts remain; not deleting $ROOT"
    rm -rf "$ROOT" "$RUN" "$DATA/opt" "$CFG" "$LOG"
    log "purged $ROOT and $RUN (image cache kept in $IMAGE_DIR)"
  fi
  # Verify: nothing of the sandbox may survive `down`.
  local left=""
  [[ -z $(daemon_pids) ]] || left+=" daemon:$(echo $(daemon_pids))"
  [[ -z $(shim_pids) ]] || left+=" shims:$(echo $(shim_pids))"
  [[ -z $(sandbox_mounts) ]] || left+=" mounts:$(echo $(sandbox_mounts))"
  [[ -z $(cgroup_pids) ]] || left+=" container processes:$(echo $(cgroup_pids))"
  [[ -z $left ]] || die "still present after down:$left"
}

cmd_status() {
  if ! daemon_answers; then
    echo "sandbox: not running ($SOCK)"
    return 3
  fi
  local ver
  ver=$(c version | awk '/Server:/ { s = 1 } s && /Version:/ { print $2; exit }')
  echo "sandbox: running, containerd $ver, pid $(cat "$PIDFILE" 2>/dev/null || echo '?'), $SOCK"
  local ns
  for ns in $(c namespaces ls -q); do
    echo "[$ns]"
    # Join `containers ls` and `tasks ls` on the id.
    LC_ALL=C join -a1 -e - -o 1.1,1.2,2.2,2.3 \
      <(c -n "$ns" containers ls | awk 'NR > 1 { print $1, $2 }' | LC_ALL=C sort) \
      <(c -n "$ns" tasks ls | awk 'NR > 1 { print $1, $2, $3 }' | LC_ALL=C sort) |
      awk 'BEGIN { printf "  %-14s %-40s %-8s %s\n", "CONTAINER", "IMAGE", "PID", "TASK" }
           { printf "  %-14s %-40s %-8s %s\n", $1, $2, $3, ($4 == "-" ? "(no task)" : $4) }'
  done
}

main() {
  local cmd=${1:-}
  shift || true
  case $cmd in
    install) cmd_install ;;
    up) cmd_up ;;
    down) cmd_down "$@" ;;
    address) echo "$SOCK" ;;
    status) need_root status; cmd_status ;;
    reseed) cmd_reseed ;;
    *)
      echo "usage: $0 install|up|down [--purge]|address|status|reseed" >&2
      exit 2
      ;;
  esac
}

main "$@"
