#!/usr/bin/env bash
# Rebuilds the README screenshots from a demo progress file: a developer who builds and tests well
# and is only starting on running, watching and recovering. Needs xvfb-run and pdftoppm
# (apt-get install xvfb poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q
demo=$(mktemp -d)
export SKILLGAP_DATA_DIR="$demo" SKILLGAP_CONFIG_DIR="$demo/config"
sg=target/release/skillgap
$sg mark language-fluency dependency-management git-basics git-branches-prs git-merge-conflicts sql-queries \
    schema-design rest-api unit-tests integration-tests debugger input-validation sql-injection \
    authentication-authorisation password-hashing env-vars docker-run-container dockerfile ci-test-on-push \
    regression-tests linting-formatting docker-compose dns-records tls-certificate nginx-reverse-proxy \
    secrets-out-of-git linux-shell linux-ssh-keys cd-deploy-on-push logging-in-code logs-where migrations done >/dev/null
$sg mark db-backup-scheduled done --note "Nightly pg_dump from a systemd timer" >/dev/null
$sg mark framework-app done --evidence https://github.com/example/tuition-centre \
    --note "Django app for a tuition centre: students, fees, attendance" >/dev/null
$sg mark dockerfile done --evidence https://github.com/example/tuition-centre/blob/main/Dockerfile >/dev/null
$sg mark ci-test-on-push done --evidence https://github.com/example/tuition-centre/actions >/dev/null
$sg mark nginx-reverse-proxy done --evidence https://github.com/example/tuition-centre/blob/main/deploy/nginx.conf >/dev/null
$sg mark logs-where done --evidence https://github.com/example/tuition-centre/blob/main/docs/runbook.md >/dev/null
$sg mark health-endpoint tls-renewal linux-systemd-service learning >/dev/null
$sg mark graphql helm skipped >/dev/null
# Their app, from the articles: scanned, its proposals accepted, the server hardening still to do.
$sg project add "Tuition centre" --repo https://github.com/example/tuition-centre \
    --folder tests/fixtures/repos/tuition-centre >/dev/null
$sg project scan tuition --accept-all >/dev/null
# What no file shows (a second factor, budget alerts, the restore and rollback drills), marked by hand.
for item in accounts-two-factor bills-watched restore-proven rollback-practised; do
    $sg project mark tuition "$item" done --evidence "https://github.com/example/tuition-centre/wiki/$item" >/dev/null
done
# Marks made by a script all carry the same second: spread them over eight weeks, as if made on many days.
cargo run -q --release --example spread_history -- "$demo" 8 >/dev/null
for view in checklists gaps progress summary projects; do
    name=$view
    [ "$view" = checklists ] && name=main
    xvfb-run -a -s "-screen 0 1400x900x24" $sg --view "$view" --size 1280x800 \
        --screenshot "assets/screenshots/$name.png"
done
# The first page of the PDF report and the first checklist page, for the README.
$sg summary --format pdf --name "Sam Rivera" --with-notes --output "$demo/report.pdf"
pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$demo/report.pdf" assets/screenshots/report-page1
pdftoppm -r 80 -png -f 3 -l 3 -singlefile "$demo/report.pdf" assets/screenshots/report-checklist
rm -rf "$demo"
