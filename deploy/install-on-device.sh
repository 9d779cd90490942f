#!/bin/sh
# Installs edgeinfer on this device, as root: the package (apt pulls in a Java runtime), then the
# device's config and broker login if given, then enables and restarts the service.
# One script for every way onto a device: deploy/install.sh runs it over SSH, cloud-init's
# user-data and firstrun.sh's first-boot unit run it from the boot partition.
#
#   install-on-device.sh PACKAGE.deb [--config FILE] [--credentials FILE]
#
# Without --config, an existing /etc/edgeinfer/config.yaml is kept (cloud-init writes it before
# the package arrives); on a new device the package's own template is used.
set -eu

usage() {
  echo "usage: install-on-device.sh PACKAGE.deb [--config FILE] [--credentials FILE]" >&2
  exit 2
}

deb=""; config=""; credentials=""
while [ $# -gt 0 ]; do
  case "$1" in
    --config) [ $# -ge 2 ] || usage; config=$2; shift 2 ;;
    --credentials) [ $# -ge 2 ] || usage; credentials=$2; shift 2 ;;
    -*) usage ;;
    *) [ -z "$deb" ] || usage; deb=$1; shift ;;
  esac
done
[ -n "$deb" ] || usage
for file in "$deb" ${config:+"$config"} ${credentials:+"$credentials"}; do
  if [ ! -r "$file" ]; then
    echo "install-on-device: $file: no such file" >&2
    exit 2
  fi
done
if [ "$(id -u)" != 0 ]; then
  echo "install-on-device: must run as root (sudo)" >&2
  exit 2
fi

# apt installs a local file only when its path has a slash.
case "$deb" in
  /*|./*) ;;
  *) deb="./$deb" ;;
esac

# A Raspberry Pi has no battery clock: on a first boot it runs on the image's date until NTP has
# set it, and apt refuses the mirror's lists as "not valid yet". Give NTP up to two minutes.
if command -v timedatectl >/dev/null 2>&1; then
  waited=0
  while [ "$(timedatectl show --property=NTPSynchronized --value 2>/dev/null || true)" = no ] && [ "$waited" -lt 120 ]; do
    sleep 2
    waited=$((waited + 2))
  done
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-on-device: installing $deb and a Java runtime"
apt-get update -q
# --force-confold: a config already written (by cloud-init) stays, with no prompt.
apt-get install -y -q -o Dpkg::Options::=--force-confold "$deb"

if [ -n "$credentials" ]; then
  install -m 0640 -o root -g edgeinfer "$credentials" /etc/edgeinfer/credentials
elif [ -f /etc/edgeinfer/credentials ]; then
  # Written before the edgeinfer group existed: give the daemon (and only it) read access now.
  chown root:edgeinfer /etc/edgeinfer/credentials
  chmod 0640 /etc/edgeinfer/credentials
fi
if [ -n "$config" ]; then
  # A config with a mistake is refused here, with its reasons, instead of a failing service.
  if ! edgeinfer check-config "$config"; then
    echo "install-on-device: $config not installed (see above); the service keeps its old config" >&2
    exit 2
  fi
  install -m 0644 -o root -g root "$config" /etc/edgeinfer/config.yaml
fi

if [ -d /run/systemd/system ]; then
  systemctl enable edgeinfer.service
  # Type=notify: restart returns once the daemon has connected and published, or has failed.
  started=0
  systemctl restart edgeinfer.service || started=$?
  systemctl --no-pager --lines=15 status edgeinfer.service || true
  if [ "$started" != 0 ]; then
    echo "install-on-device: edgeinfer did not start; journalctl -u edgeinfer shows why" >&2
    exit 1
  fi
else
  echo "install-on-device: systemd is not running here; the service starts on the next boot"
fi
