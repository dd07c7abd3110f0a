# tmux.sh - drive the real binary in a detached tmux session (sourced by
# the screen tests, after tests/lib.sh).
#   start CMD...        run CMD in a private tmux server at 80x24
#   keys ARGS...        tmux send-keys; literal text: keys -l "text"
#   screen              the screen as text (capture-pane -p)
#   wait_for TEXT [S]   poll (up to S seconds, default 5) until TEXT shows
#   stop                kill the private server
SOCK="daftar-$$-$RANDOM"
tm() { tmux -L "$SOCK" "$@"; }

start() {
	local cmd
	printf -v cmd '%q ' "$@"
	tm -f /dev/null new-session -d -x 80 -y 24 \
	    "env -i LANG=C.UTF-8 TERM=tmux-256color HOME=$HOME PATH=/usr/bin:/bin \
	     XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_DATA_HOME=$XDG_DATA_HOME \
	     ${EXTRA_ENV:-} $cmd; sleep 60"
	tm set -g remain-on-exit on 2>/dev/null
}
keys() { tm send-keys "$@"; }
screen() { tm capture-pane -p "$@"; }
wait_for() {
	local i n=$(( ${2:-5} * 20 ))
	for ((i = 0; i < n; i++)); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	return 1
}
# wait_gone TEXT: poll until TEXT is no longer on the screen
wait_gone() {
	local i
	for ((i = 0; i < 100; i++)); do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05
	done
	return 1
}
stop() { tm kill-server 2>/dev/null; }
trap 'stop; rm -rf "$T"' EXIT
