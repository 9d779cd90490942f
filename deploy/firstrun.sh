#!/bin/sh
# First boot of a freshly flashed card, for images without cloud-init (the older Raspberry Pi
# Imager flow). Put on the boot partition:
#   firstrun.sh                         this file
#   edgeinfer/edgeinfer_VERSION_all.deb the package
#   edgeinfer/install-on-device.sh      from deploy/
#   edgeinfer/config.yaml               this device's config (device.id, mqtt.broker, ...)
#   edgeinfer/credentials               optional: broker username, then password
# and append to the single line of cmdline.txt:
#   systemd.run=/boot/firmware/firstrun.sh systemd.run_success_action=reboot
#   systemd.run_failure_action=reboot systemd.unit=kernel-command-line.target
#
# This runs before the network is up, so it only stages the files in /var/lib/edgeinfer-firstboot
# and enables a one-shot unit that installs them (apt fetches a Java runtime) on the next boot,
# once the network is online; if that fails it tries again at the boot after. Then it removes
# its entry from cmdline.txt and itself, as the Imager's own firstrun.sh does.
# Called from the Imager's firstrun.sh instead (sh /boot/firmware/edgeinfer/firstrun.sh), it
# stages and enables the same way and leaves the cmdline.txt cleanup to that script.
set -eu

self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

# Started from cmdline.txt (this file at the top of the boot partition): take its entry out so
# the next boot is a normal one, and delete this file, whether or not the staging worked (a
# failure is on the console, and the board must not stop in this early boot again and again).
# Called from the Imager's script instead: leave both to it.
# shellcheck disable=SC2317  # runs from the trap
leave_cmdline() {
  boot_dir=$(dirname "$self")
  if [ "$(basename "$self")" = firstrun.sh ] && [ -f "$boot_dir/cmdline.txt" ]; then
    sed -i 's| systemd.run=[^ ]*||; s| systemd.run_success_action=[^ ]*||; s| systemd.run_failure_action=[^ ]*||; s| systemd.unit=kernel-command-line.target||' \
      "$boot_dir/cmdline.txt"
    rm -f "$self"
  fi
}
trap leave_cmdline EXIT

boot=""
for dir in /boot/firmware /boot; do
  if [ -f "$dir/edgeinfer/install-on-device.sh" ]; then boot=$dir; break; fi
done
if [ -z "$boot" ]; then
  echo "firstrun.sh: no edgeinfer/install-on-device.sh on the boot partition; nothing installed" >&2
  exit 1
fi
src=$boot/edgeinfer
deb=""
for candidate in "$src"/edgeinfer_*_all.deb; do
  [ -f "$candidate" ] && deb=$candidate
done
if [ -z "$deb" ] || [ ! -f "$src/config.yaml" ]; then
  echo "firstrun.sh: $src needs edgeinfer_VERSION_all.deb and config.yaml; nothing installed" >&2
  exit 1
fi

# Staged on the root file system: the boot partition is FAT (no modes: anyone could read the login).
stage=/var/lib/edgeinfer-firstboot
mkdir -p "$stage"
chmod 0700 "$stage"
cp "$deb" "$src/install-on-device.sh" "$src/config.yaml" "$stage/"
args="$stage/$(basename "$deb") --config $stage/config.yaml"
if [ -f "$src/credentials" ]; then
  cp "$src/credentials" "$stage/credentials"
  chmod 0600 "$stage/credentials"
  args="$args --credentials $stage/credentials"
  # The login now lives only on the root file system.
  rm -f "$src/credentials"
fi

cat > "$stage/run.sh" <<RUN
#!/bin/sh
# Written by firstrun.sh: installs edgeinfer once the network is up, then retires itself.
set -e
sh $stage/install-on-device.sh $args
systemctl disable edgeinfer-firstboot.service
rm -rf $stage /etc/systemd/system/edgeinfer-firstboot.service
RUN

cat > /etc/systemd/system/edgeinfer-firstboot.service <<UNIT
[Unit]
Description=edgeinfer: install the package staged by firstrun.sh
Wants=network-online.target
After=network-online.target time-sync.target
ConditionPathExists=$stage/run.sh

[Service]
Type=oneshot
ExecStart=/bin/sh $stage/run.sh
TimeoutStartSec=30min

[Install]
WantedBy=multi-user.target
UNIT
mkdir -p /etc/systemd/system/multi-user.target.wants
ln -sf /etc/systemd/system/edgeinfer-firstboot.service \
  /etc/systemd/system/multi-user.target.wants/edgeinfer-firstboot.service

exit 0
