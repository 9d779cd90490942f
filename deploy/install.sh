#!/bin/sh
# Installs edgeinfer on a device over SSH and starts it:
#
#   deploy/install.sh user@host [--config FILE] [--credentials FILE] [--deb FILE]
#
# Copies the package (default: the one `mvn package` built, deploy/debian/target/), the device's
# config and broker login if given, and install-on-device.sh to the device, and runs that there
# with sudo: apt-get installs the package and a Java runtime, the config is checked and put in
# /etc/edgeinfer/, and the service is enabled and restarted. The user needs sudo on the device
# (Raspberry Pi OS's first user has it). Needs ssh and scp here.
set -eu

here=$(cd "$(dirname "$0")" && pwd)

usage() {
  echo "usage: deploy/install.sh user@host [--config FILE] [--credentials FILE] [--deb FILE]" >&2
  exit 2
}

target=""; config=""; credentials=""; deb=""
while [ $# -gt 0 ]; do
  case "$1" in
    --config) [ $# -ge 2 ] || usage; config=$2; shift 2 ;;
    --credentials) [ $# -ge 2 ] || usage; credentials=$2; shift 2 ;;
    --deb) [ $# -ge 2 ] || usage; deb=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "install.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$target" ] || usage; target=$1; shift ;;
  esac
done
[ -n "$target" ] || usage

if [ -z "$deb" ]; then
  for candidate in "$here"/debian/target/edgeinfer_*_all.deb; do
    [ -f "$candidate" ] && deb=$candidate
  done
  if [ -z "$deb" ]; then
    echo "install.sh: no package in $here/debian/target/; build it first: mvn -B -q -DskipTests package" >&2
    exit 2
  fi
fi
for file in "$deb" ${config:+"$config"} ${credentials:+"$credentials"}; do
  if [ ! -r "$file" ]; then
    echo "install.sh: $file: no such file" >&2
    exit 2
  fi
done

# One SSH connection for every step (one password prompt, one handshake on a slow board).
control=$(mktemp -u "${TMPDIR:-/tmp}/edgeinfer-ssh.XXXXXX")
ssh_opts="-o ControlMaster=auto -o ControlPath=$control -o ControlPersist=60"
# ssh_opts is several options (SC2086); cleanup runs from the trap (SC2317).
# shellcheck disable=SC2086,SC2317
cleanup() { ssh $ssh_opts -O exit "$target" >/dev/null 2>&1 || true; }
trap cleanup EXIT

# shellcheck disable=SC2086
remote_dir=$(ssh $ssh_opts "$target" 'mktemp -d /tmp/edgeinfer-install.XXXXXX')
echo "install.sh: copying $(basename "$deb") to $target:$remote_dir"
# shellcheck disable=SC2086
scp -q $ssh_opts "$here/install-on-device.sh" "$deb" "$target:$remote_dir/"
args="$remote_dir/$(basename "$deb")"
if [ -n "$config" ]; then
  # shellcheck disable=SC2086
  scp -q $ssh_opts "$config" "$target:$remote_dir/config.yaml"
  args="$args --config $remote_dir/config.yaml"
fi
if [ -n "$credentials" ]; then
  # shellcheck disable=SC2086
  scp -q $ssh_opts "$credentials" "$target:$remote_dir/credentials"
  args="$args --credentials $remote_dir/credentials"
fi

# -t: sudo may ask for a password. The copies (the login among them) go whatever the outcome.
status=0
# shellcheck disable=SC2086
ssh -t $ssh_opts "$target" "sudo sh $remote_dir/install-on-device.sh $args; rc=\$?; rm -rf $remote_dir; exit \$rc" \
  || status=$?
if [ "$status" = 0 ]; then
  echo "install.sh: edgeinfer runs on $target; watch it: mosquitto_sub -h BROKER -t 'edgeinfer/#' -v"
fi
exit "$status"
