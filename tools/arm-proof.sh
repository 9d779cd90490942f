#!/usr/bin/env bash
# arm-proof.sh - run the built edgeinfer jar on ARM Debian JREs under qemu user-mode emulation.
#
#   arm64: Debian's arm64 openjdk-17, as on 64-bit Raspberry Pi OS (Pi 3/4/5, Zero 2 W). The demo
#          runs twice, on native TensorFlow Lite (the default engine there) and on the pure-Java engine.
#   armhf: Debian's armhf openjdk-17 (ARMv7), as on 32-bit Raspberry Pi OS on a Pi 2/3/Zero 2 W.
#          No native TensorFlow Lite exists there: the default engine must pick the pure-Java one.
#
# Per architecture: the demo publishes at least $ARM_PROOF_RESULTS inferences to a Mosquitto on
# this host (counted with mosquitto_sub; engine and device checked in every one), stops on SIGTERM
# with exit status 0 and leaves its SQLite outbox in the state directory; then every golden case
# of the conformance set runs on the pure-Java engine and its outputs are compared with TensorFlow
# Lite's: INT8/INT16/INT32 byte for byte, FP32 within 1e-5. By default all cases run in one JVM
# (`model golden-check`, the same steps as `infer`: inputs, reset, one invocation) plus one
# `infer --engine java` compared with cmp; ARM_PROOF_EACH_CASE=1 runs `infer` once per case
# instead (one emulated JVM start each: about 10 minutes per architecture).
# Prints a summary; exits non-zero on any failure.
#
# Usage: tools/arm-proof.sh [--conformance DIR] [ARCH...]      (ARCH: arm64 armhf; default both)
#
# Environment:
#   ARM_PROOF_DIR      work directory: sysroots, state, outputs (default /dev/shm/edgeinfer-arm-proof;
#                      armhf needs tmpfs, see below). Sysroots are kept there and reused.
#   ARM_PROOF_MIRROR   Debian mirror (default http://deb.debian.org/debian)
#   ARM_PROOF_SECURITY_MIRROR   Debian security mirror (default http://deb.debian.org/debian-security)
#   ARM_PROOF_SUITE    Debian suite of the ARM JREs (default: this host's codename, else bookworm)
#   ARM_PROOF_RESULTS  inferences to wait for per demo run (default 20)
#   ARM_PROOF_JAR      the jar (default: the largest jar in runtime/daemon/target, built when missing;
#                      copied to the work directory first, so a rebuild during a run does not disturb it)
#   ARM_PROOF_EACH_CASE  1: one `infer --engine java` per golden case, compared in python3
#
# Needs root (or sudo) only to install missing host packages: qemu-user-static, binutils,
# mosquitto, mosquitto-clients, python3. Nothing else on the host is changed: the ARM packages are
# fetched with a private apt state and unpacked with dpkg-deb, without maintainer scripts.
#
# Emulation facts this script works around (a real Pi has none of them):
#   - a 32-bit JVM under qemu-arm on a 64-bit kernel gets EOVERFLOW listing directories on ext4
#     (64-bit directory offsets), so the armhf sysroot, temp and state directories and a copy of
#     the conformance set live on tmpfs;
#   - without binfmt_misc a child process must be a host program: the JVM forks directly
#     (jdk.lang.Process.launchMechanism=FORK, no ARM jspawnhelper), and sqlite-jdbc is told its
#     architecture (org.sqlite.osinfo.architecture) instead of asking the host's readelf;
#   - timings are the host's and qemu's, not a Pi's.
set -euo pipefail

PROG=arm-proof.sh
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${ARM_PROOF_DIR:-/dev/shm/edgeinfer-arm-proof}
MIRROR=${ARM_PROOF_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${ARM_PROOF_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
RESULTS=${ARM_PROOF_RESULTS:-20}
CONFORMANCE=$REPO/../shared/conformance
JDK_PACKAGE=openjdk-17-jre-headless
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

say()  { echo "$PROG: [$(( SECONDS ))s] $*" >&2; }
die()  { echo "$PROG: error: $*" >&2; exit 2; }

ARCHES=()
while [ $# -gt 0 ]; do
    case "$1" in
        --conformance) CONFORMANCE=${2:?--conformance needs a directory}; shift 2 ;;
        arm64|armhf) ARCHES+=("$1"); shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1' (expected arm64, armhf or --conformance DIR)" ;;
    esac
done
[ ${#ARCHES[@]} -gt 0 ] || ARCHES=(arm64 armhf)
[ -d "$CONFORMANCE/goldens" ] || die "no conformance set at $CONFORMANCE (give --conformance DIR)"
CONFORMANCE=$(cd "$CONFORMANCE" && pwd)

# ------------------------------------------------------------------ host tools
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

host_tools() {
    local missing=() cmd pkg
    for pair in qemu-aarch64-static:qemu-user-static qemu-arm-static:qemu-user-static readelf:binutils \
                mosquitto:mosquitto mosquitto_sub:mosquitto-clients python3:python3 dpkg-deb:dpkg; do
        cmd=${pair%%:*} pkg=${pair#*:}
        command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
    say "installing host packages: ${missing[*]}"
    as_root apt-get update -q >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

mosquitto_bin() { command -v mosquitto 2>/dev/null || echo /usr/sbin/mosquitto; }

# ------------------------------------------------------------------ ARM sysroot with a JRE
suite() {
    if [ -n "${ARM_PROOF_SUITE:-}" ]; then echo "$ARM_PROOF_SUITE"; return; fi
    local codename=""
    [ -r /etc/os-release ] && codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    echo "${codename:-bookworm}"
}

java_home() { ls -d "$1"/usr/lib/jvm/java-*-openjdk-"$2" 2>/dev/null | head -1; }

sysroot() {   # sysroot ARCH -> prints the sysroot path, building it the first time
    local arch=$1 root="$WORK/sysroot-$1" apt="$WORK/apt-$1" s
    if [ -f "$root/.ready" ]; then echo "$root"; return; fi
    s=$(suite)
    say "$arch: building a sysroot with Debian $s $JDK_PACKAGE in $root"
    rm -rf "$root" "$apt"
    mkdir -p "$apt"/{lists/partial,archives/partial,etc/parts} "$root"
    : > "$apt/status"
    local signed=""; [ -r "$KEYRING" ] && signed=" signed-by=$KEYRING"
    {
        echo "deb [arch=$arch$signed] $MIRROR $s main"
        echo "deb [arch=$arch$signed] $MIRROR $s-updates main"
        echo "deb [arch=$arch$signed] $SECURITY_MIRROR $s-security main"
    } > "$apt/etc/sources.list"
    local opts=(-o "APT::Architecture=$arch" -o "APT::Architectures=$arch"
        -o "Dir::State=$apt" -o "Dir::State::Lists=$apt/lists" -o "Dir::State::status=$apt/status"
        -o "Dir::Cache=$apt" -o "Dir::Cache::archives=$apt/archives"
        -o "Dir::Etc::SourceList=$apt/etc/sources.list" -o "Dir::Etc::SourceParts=$apt/etc/parts"
        -o "Dir::Etc::Preferences=$apt/etc/preferences" -o "Dir::Etc::PreferencesParts=$apt/etc/parts"
        -o "APT::Install-Recommends=false" -o "Acquire::Languages=none" -o "Debug::NoLocking=true")
    if ! apt-get -q "${opts[@]}" update >&2; then
        # a security suite caught mid-sync on the mirror fails the whole update: go on without it
        say "$arch: apt-get update failed; retrying without the security suite"
        sed -i '/-security/d' "$apt/etc/sources.list"
        apt-get -q "${opts[@]}" update >&2 || die "$arch: apt-get update failed (mirror $MIRROR)"
    fi
    apt-get -q -y "${opts[@]}" install --download-only "$JDK_PACKAGE" >&2
    local deb n=0
    for deb in "$apt"/archives/*.deb; do
        dpkg-deb -x "$deb" "$root"
        n=$((n + 1))
    done
    # Debian 12 is merged-/usr: /lib -> usr/lib, which the dynamic loader path needs.
    for d in bin sbin lib; do [ -e "$root/$d" ] || ln -s "usr/$d" "$root/$d"; done
    # Absolute symlinks (jvm.cfg -> /etc/java-17-openjdk/...) would be followed on the host: make them relative.
    local link target
    while IFS= read -r -d '' link; do
        target=$(readlink "$link")
        ln -sfn "$(realpath -s -m --relative-to="$(dirname "${link#"$root"}")" "$target")" "$link"
    done < <(find "$root" -type l -lname '/*' -print0)
    rm -rf "$apt"
    [ -n "$(java_home "$root" "$arch")" ] || die "$arch: no JRE under $root/usr/lib/jvm after unpacking $n packages"
    touch "$root/.ready"
    say "$arch: $n packages unpacked"
    echo "$root"
}

# ------------------------------------------------------------------ running the jar
ARCH="" ROOT="" JH=""
JAVA=()   # the ARM java of $ARCH under qemu, as one command (env execs qemu: same PID, so signals reach the JVM)
set_java() {
    local qemu cpu
    case "$ARCH" in
        arm64) qemu=qemu-aarch64-static cpu=cortex-a72 ;;   # Pi 4
        armhf) qemu=qemu-arm-static cpu=cortex-a7 ;;        # ARMv7 with NEON, as a 32-bit kernel shows a Pi 2/3
    esac
    JAVA=(env "QEMU_LD_PREFIX=$ROOT" "QEMU_CPU=$cpu" "$qemu" "$JH/bin/java"
          -Djdk.lang.Process.launchMechanism=FORK "-Djava.io.tmpdir=$WORK/tmp")
    [ "$ARCH" = armhf ] && JAVA+=(-Dorg.sqlite.osinfo.architecture=armv7)
    return 0
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

FAILURES=()
SUMMARY=()
fail() { FAILURES+=("$ARCH: $*"); say "FAIL: $*"; }
pass() { SUMMARY+=("$ARCH: $*"); say "ok: $*"; }

# demo_run LABEL EXPECTED_ENGINE [--set ...]: the demo against a host Mosquitto, $RESULTS results counted
demo_run() {
    local label=$1 engine=$2; shift 2
    local dir="$WORK/run-$ARCH-$label" port broker sub daemon rc t0=$SECONDS
    rm -rf "$dir"; mkdir -p "$dir/state"
    port=$(free_port)
    printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$port" > "$dir/mosquitto.conf"
    "$(mosquitto_bin)" -c "$dir/mosquitto.conf" > "$dir/mosquitto.log" 2>&1 & broker=$!
    for _ in $(seq 50); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null && break
        sleep 0.1
    done
    local device="arm-proof-$ARCH-$label"
    mosquitto_sub -h 127.0.0.1 -p "$port" -t "edgeinfer/$device/inference/#" -C "$RESULTS" -W 600 \
        > "$dir/results.jsonl" 2> "$dir/sub.log" & sub=$!
    sleep 0.5
    "${JAVA[@]}" -jar "$JAR" run --config "$REPO/device-config/demo.yaml" --set "mqtt.broker=tcp://127.0.0.1:$port" \
        --set "device.id=$device" --set "device.stateDir=$dir/state" "$@" > "$dir/daemon.log" 2>&1 & daemon=$!
    while kill -0 "$sub" 2>/dev/null && kill -0 "$daemon" 2>/dev/null; do sleep 1; done
    kill "$sub" 2>/dev/null || true; wait "$sub" 2>/dev/null || true
    local got; got=$(grep -c . "$dir/results.jsonl" || true)
    kill -TERM "$daemon" 2>/dev/null || true
    rc=0; wait "$daemon" || rc=$?
    kill "$broker" 2>/dev/null || true; wait "$broker" 2>/dev/null || true
    if [ "$got" -lt "$RESULTS" ]; then
        fail "demo ($label): $got of $RESULTS results; daemon log:"; tail -n 20 "$dir/daemon.log" >&2; return
    fi
    local bad
    bad=$(python3 - "$dir/results.jsonl" "$device" "$engine" <<'PY'
import json, sys
path, device, engine = sys.argv[1:]
for n, line in enumerate(open(path), 1):
    r = json.loads(line)
    if r.get("device") != device or r.get("engine") != engine or r.get("seq") != n or "label" not in r.get("result", {}):
        print(f"result {n}: {line.strip()[:200]}")
        break
PY
)
    [ -z "$bad" ] || { fail "demo ($label): expected device $device, engine $engine, seq 1..: $bad"; return; }
    [ "$rc" = 0 ] || { fail "demo ($label): exit status $rc after SIGTERM, not 0"; return; }
    [ -s "$dir/state/outbox.db" ] || { fail "demo ($label): no SQLite outbox at $dir/state/outbox.db"; return; }
    pass "demo ($label): $got results from engine $engine, clean stop (exit 0), SQLite outbox $(stat -c %s "$dir/state/outbox.db") bytes ($((SECONDS - t0))s)"
}

# goldens: every golden case on the pure-Java engine in one JVM, and one `infer` checked with cmp
goldens() {
    [ "${ARM_PROOF_EACH_CASE:-0}" = 1 ] && { goldens_each_case; return; }
    local out="$WORK/goldens-$ARCH" t0=$SECONDS g="$CONFORMANCE/goldens/mobilenet_v2_quantized_1x3x224x224"
    rm -rf "$out"; mkdir -p "$out"
    if "${JAVA[@]}" -jar "$JAR" model golden-check "$CONFORMANCE/goldens" --engine java > "$out/golden-check.log" 2>&1; then
        pass "goldens: $(tail -n 1 "$out/golden-check.log") ($((SECONDS - t0))s)"
    else
        fail "goldens: $(grep -v ': ok$' "$out/golden-check.log" | tail -n 20)"
    fi
    t0=$SECONDS
    if "${JAVA[@]}" -jar "$JAR" infer --engine java --model "$CONFORMANCE/models/mobilenet_v2_quantized_1x3x224x224.tflite" \
            --input "$g/case0.input0.bin" --output-dir "$out/infer" > "$out/infer.log" 2>&1 \
            && cmp -s "$out/infer/output0.bin" "$g/case0.output0.bin"; then
        pass "infer --engine java: mobilenet_v2 case 0 identical to TensorFlow Lite's bytes ($((SECONDS - t0))s)"
    else
        fail "infer --engine java: mobilenet_v2 case 0 differs or failed: $(tail -n 2 "$out/infer.log")"
    fi
}

# goldens_each_case: `infer --engine java` on every golden case, compared with TensorFlow Lite's outputs
goldens_each_case() {
    local out="$WORK/goldens-$ARCH" t0=$SECONDS cases=0 meta name file n k inputs
    rm -rf "$out"; mkdir -p "$out"
    for meta in "$CONFORMANCE"/goldens/*/meta.json; do
        read -r name file n < <(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["name"], m["file"], m["cases"])' "$meta")
        for ((k = 0; k < n; k++)); do
            inputs=()
            for f in "$(dirname "$meta")/case$k".input*.bin; do inputs+=("$f"); done
            if ! "${JAVA[@]}" -jar "$JAR" infer --engine java --model "$CONFORMANCE/$file" --input "${inputs[@]}" \
                    --output-dir "$out/$name/case$k" > "$out/$name.case$k.log" 2>&1; then
                fail "infer $name case $k: $(tail -n 1 "$out/$name.case$k.log")"
            fi
            cases=$((cases + 1))
        done
    done
    local report
    if report=$(python3 - "$CONFORMANCE/goldens" "$out" <<'PY'
import json, os, struct, sys
goldens, out = sys.argv[1:]
bad = []
for name in sorted(os.listdir(goldens)):
    meta = json.load(open(os.path.join(goldens, name, "meta.json")))
    for k in range(meta["cases"]):
        for j, t in enumerate(meta["outputs"]):
            want = open(os.path.join(goldens, name, f"case{k}.output{j}.bin"), "rb").read()
            path = os.path.join(out, name, f"case{k}", f"output{j}.bin")
            got = open(path, "rb").read() if os.path.exists(path) else None
            if got is None or len(got) != len(want):
                bad.append(f"{name} case {k} output {j}: missing or wrong size")
            elif t["type"] == "FLOAT32":
                n = len(want) // 4
                a, b = struct.unpack(f"<{n}f", got), struct.unpack(f"<{n}f", want)
                worst = max(abs(x - y) / max(1.0, abs(y)) for x, y in zip(a, b))
                if worst > 1e-5:
                    bad.append(f"{name} case {k} output {j}: FP32 off by {worst:.3g}")
            elif got != want:
                bad.append(f"{name} case {k} output {j}: {t['type']} bytes differ")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
); then
        pass "goldens: $cases cases of $(ls "$CONFORMANCE/goldens" | wc -l) models match TensorFlow Lite with --engine java ($((SECONDS - t0))s)"
    else
        fail "goldens: mismatches:"$'\n'"$report"
    fi
}

# ------------------------------------------------------------------ main
host_tools
mkdir -p "$WORK/tmp"
[ "$(stat -f -c %T "$WORK")" = tmpfs ] || say "warning: $WORK is not tmpfs; the armhf JVM may fail to list directories there"
JAR=${ARM_PROOF_JAR:-}
if [ -z "$JAR" ]; then
    JAR=$(ls -S "$REPO"/runtime/daemon/target/edgeinfer-*-all.jar 2>/dev/null | head -1 || true)
    if [ -z "$JAR" ]; then
        say "building the jar (mvn -B -q -DskipTests package)"
        (cd "$REPO" && mvn -B -q -DskipTests package)
        JAR=$(ls -S "$REPO"/runtime/daemon/target/edgeinfer-*-all.jar | head -1)
    fi
fi
cp "$JAR" "$WORK/edgeinfer.jar"
# The goldens are listed by the JVM: on tmpfs, where the armhf JVM can list directories.
rm -rf "$WORK/conformance"; mkdir -p "$WORK/conformance"
cp -r "$CONFORMANCE/goldens" "$CONFORMANCE/models" "$WORK/conformance/"
CONFORMANCE=$WORK/conformance
say "jar: $JAR (run from a copy in $WORK)"
JAR_NAME=$(basename "$JAR")
JAR=$WORK/edgeinfer.jar
TOTAL0=$SECONDS
for ARCH in "${ARCHES[@]}"; do
    a0=$SECONDS
    ROOT=$(sysroot "$ARCH")
    JH=$(java_home "$ROOT" "$ARCH")
    set_java
    props=$("${JAVA[@]}" -XshowSettings:properties -version 2>&1 || true)
    say "$ARCH: $(echo "$props" | grep -m1 -E '^(openjdk|java) version') ($(echo "$props" | sed -n 's/^ *os.arch = /os.arch=/p'))"
    if [ "$ARCH" = arm64 ]; then
        demo_run default tflite
        demo_run java java --set models.vibration.engine=java
    else
        demo_run default java
    fi
    goldens
    SUMMARY+=("$ARCH: took $((SECONDS - a0))s")
done

echo
echo "== ARM proof: ${ARCHES[*]} in $((SECONDS - TOTAL0))s (jar $JAR_NAME)"
printf '  %s\n' "${SUMMARY[@]}"
if [ ${#FAILURES[@]} -gt 0 ]; then
    echo "== FAILED:"
    printf '  %s\n' "${FAILURES[@]}"
    exit 1
fi
echo "== all checks passed"
