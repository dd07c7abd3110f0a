# bash completion for daftar(1): commands, entities, report names, the
# options of each command, and file names where a file is expected.
# Installed by `make install` into
# $(PREFIX)/share/bash-completion/completions/daftar.

_daftar_entities="trainee cohort agreement partner institution programme specialty event person enrollment agreement_party region"

_daftar()
{
	local cur prev cmd i words_n
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	# the command: the first word that is not a global option or its value
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-d|--db|--bidi) ((i++)) ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	case $prev in
	-d|--db|-o|--output)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--bidi)
		COMPREPLY=($(compgen -W "app terminal" -- "$cur")); return ;;
	--format)
		COMPREPLY=($(compgen -W "csv tsv xlsx ods json jsonl" -- "$cur")); return ;;
	--dates)
		COMPREPLY=($(compgen -W "dmy mdy" -- "$cur")); return ;;
	--trainees|--seed|--year|--region|--programme|--search|--key|--sheet)
		return ;;
	esac
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-d --db --bidi -h --help -V --version" -- "$cur"))
		else
			local cmds
			cmds=$(daftar --help 2>/dev/null | sed -n 's/^  \([a-z][a-z]*\).*/\1/p' | sort -u)
			COMPREPLY=($(compgen -W "${cmds:-init demo check import export report}" -- "$cur"))
		fi
		return
	fi
	# the command's own words after it
	words_n=0
	for ((i = i + 1; i < COMP_CWORD; i++)); do
		[[ ${COMP_WORDS[i]} == -* ]] || ((words_n++))
	done
	case $cmd in
	import)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--dry-run --update --key --sheet --dates --help" -- "$cur"))
		elif ((words_n == 0)); then
			COMPREPLY=($(compgen -W "$_daftar_entities" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -- "$cur"))
		fi ;;
	export)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--format -o --output --search --excel --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$_daftar_entities" -- "$cur"))
		fi ;;
	report)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--year --region --programme --ascii --time --explain --format -o --output --help" -- "$cur"))
		else
			local names
			names=$(daftar report 2>/dev/null | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
			COMPREPLY=($(compgen -W "$names" -- "$cur"))
		fi ;;
	demo)
		COMPREPLY=($(compgen -W "--trainees --seed --if-new --help" -- "$cur")) ;;
	*)
		COMPREPLY=($(compgen -W "--help" -- "$cur")) ;;
	esac
}
complete -F _daftar daftar
