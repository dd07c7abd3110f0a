#!/usr/bin/env bash
# test_bidi.sh - the terminal bidi modes and the first-run calibration, in
# a detached tmux with the program's output recorded by script(1):
#  - app mode: CSI 8 l and CSI 1 SP k come after the alternate screen is
#    entered, CSI 8 h and CSI 0 SP k before it is left, on quit and on
#    SIGTERM;
#  - terminal mode: the program never switches the terminal;
#  - with no mode chosen, the calibration asks, shows the sample in visual
#    and logical order, saves the answer, and is not asked again.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux.sh"
DB="$T/bidi.db"
"$DAFTAR" -d "$DB" init >/dev/null || fail init "init failed"

# order_ok LOG: the mode sequences sit inside the alternate screen
order_ok() {
	python3 - "$1" <<'EOF'
import sys
s = open(sys.argv[1], 'rb').read()
enter, leave = s.find(b'\x1b[?1049h'), s.rfind(b'\x1b[?1049l')
on8, on1 = s.find(b'\x1b[8l'), s.find(b'\x1b[1 k')
off8, off0 = s.rfind(b'\x1b[8h'), s.rfind(b'\x1b[0 k')
bad = []
if min(enter, leave, on8, on1, off8, off0) < 0:
    bad.append('missing: enter=%d leave=%d 8l=%d 1k=%d 8h=%d 0k=%d' %
               (enter, leave, on8, on1, off8, off0))
else:
    if not enter < on8 < off8 < leave:
        bad.append('CSI 8 l/h not inside the alternate screen')
    if not enter < on1 < off0 < leave:
        bad.append('CSI 1/0 SP k not inside the alternate screen')
    if s.rfind(b'\x1b[8l') > off8:
        bad.append('explicit mode switched on again after the last switch-off')
print('; '.join(bad))
sys.exit(1 if bad else 0)
EOF
}

# run_logged NAME BIDI: start daftar under script(1) with --bidi BIDI
run_logged() {
	start script -q -f --log-out "$T/$1.log" -c "$DAFTAR -d $DB --bidi $2"
	wait_for "Q  Quit" || fail "$1" "menu never appeared: $(screen | head -3)"
}

# --- app mode, leaving with q ------------------------------------------------
run_logged quit app
keys q
sleep 0.5
if out=$(order_ok "$T/quit.log"); then pass app_mode_sequences_on_quit
else fail app_mode_sequences_on_quit "$out"; fi
stop

# --- app mode, ended by SIGTERM ---------------------------------------------
SOCK="daftar-$$-term"
run_logged term app
pkill -TERM -f -- "^$DAFTAR -d $DB --bidi app" || fail sigterm "no daftar process found"
sleep 0.5
if out=$(order_ok "$T/term.log"); then pass app_mode_sequences_on_sigterm
else fail app_mode_sequences_on_sigterm "$out"; fi
stop

# --- terminal mode never switches the terminal ---------------------------------
SOCK="daftar-$$-tm"
run_logged terminal terminal
keys q
sleep 0.5
if ! grep -q $'\e\[?1049h' "$T/terminal.log"; then
	fail terminal_mode_no_switch "no session recorded"
elif grep -q $'\e\[8l\|\e\[1 k' "$T/terminal.log"; then
	fail terminal_mode_no_switch "explicit mode sent in terminal mode"
else
	pass terminal_mode_no_switch
fi
stop

# --- first-run calibration ---------------------------------------------------
SOCK="daftar-$$-cal"
start "$DAFTAR" -d "$DB"
if wait_for "which line reads correctly"; then
	pass calibration_asks
	# line 1 is the visual order (Latin first, Arabic shaped), line 2 logical
	screen | python3 -c '
import sys
lines = sys.stdin.read().split("\n")
one = next(l for l in lines if l.strip().startswith("1)"))
two = next(l for l in lines if l.strip().startswith("2)"))
ok = one.split(")", 1)[1].strip().startswith("abc 123") and \
     any(0xFE70 <= ord(c) <= 0xFEFF for c in one) and \
     two.split(")", 1)[1].strip() == "سلام 123 abc"
sys.exit(0 if ok else 1)' && pass calibration_samples \
	    || fail calibration_samples "$(screen | head -8)"
	keys 2 Enter
	if wait_for "Q  Quit"; then pass calibration_opens_menu
	else fail calibration_opens_menu "$(screen | head -5)"; fi
	expect_match calibration_saved "$(cat "$XDG_CONFIG_HOME/daftar/config" 2>&1)" \
	    "^bidi=terminal$"
	keys q
	sleep 0.3
else
	fail calibration_asks "$(screen | head -5)"
fi
stop
SOCK="daftar-$$-cal2"
start "$DAFTAR" -d "$DB"
if wait_for "Q  Quit" && ! screen | grep -q "which line"; then
	pass calibration_not_asked_again
else
	fail calibration_not_asked_again "$(screen | head -5)"
fi
stop
