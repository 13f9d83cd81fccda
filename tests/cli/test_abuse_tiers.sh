#!/usr/bin/env bash
# Severity tiers of the abuse packs and how a school changes them in its
# .policycheck.yaml (rules/README.md, "abuse"): swearing is a warning by
# default (exit 0 at --fail-on error) and an error once configured so.
source "$(dirname "$0")/lib.sh" "$@"

mkdir -p "$TMP/school"
printf 'oh shit, what an idiot\n' >"$TMP/school/draft.txt"

expect_exit 0 "default tiers" -- "$PC" --no-config --format jsonl "$TMP/school/draft.txt"
expect_contains "$TMP/out" '"rule":"abuse/profanity","category":"abuse","severity":"warning"'
expect_contains "$TMP/out" '"rule":"abuse/insult","category":"abuse","severity":"info"'

printf 'rules:\n  abuse/profanity: error\n  abuse/insult: off\n' >"$TMP/school/.policycheck.yaml"
expect_exit 1 "profanity raised to error" -- "$PC" --format jsonl "$TMP/school/draft.txt"
expect_contains "$TMP/out" '"rule":"abuse/profanity","category":"abuse","severity":"error"'
expect_not_contains "$TMP/out" 'abuse/insult'

printf 'rules:\n  abuse: off\n' >"$TMP/school/.policycheck.yaml"
expect_exit 0 "whole pack off" -- "$PC" --format jsonl "$TMP/school/draft.txt"
expect_not_contains "$TMP/out" 'abuse/'

finish
