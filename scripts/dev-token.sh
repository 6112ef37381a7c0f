#!/usr/bin/env bash
# Usage: scripts/dev-token.sh [--subject=NAME] [--expires-in=SECONDS] ROLE...
#        scripts/dev-token.sh --public-key
#   Prints a JWT (RS256) for amends on the real profile: subject and preferred_username NAME
#   (default: the first role in lower case), roles ROLE... (SERVICE EDITOR OPERATOR APPROVER
#   METRICS ADMIN), expiring after SECONDS (default 3600). Signed with a dev key pair made once in .dev-keys/
#   (git-ignored). --public-key prints the public key's path: start amends with
#   SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION=file:<that path>.
#   It also makes .dev-keys/codec.env once: a codec key for docker-compose's amends
#   (AMENDS_CODEC_CURRENT_KEY_ID, AMENDS_CODEC_KEYS_DEV; docs/operations.md).
#   For development only: anyone with .dev-keys/private.pem can mint any role.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
KEYS="$PWD/.dev-keys"

if [ ! -s "$KEYS/public.pem" ]; then
  mkdir -p "$KEYS"
  chmod 700 "$KEYS"
  TMP="$(mktemp -d "$KEYS/new.XXXXXX")"
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TMP/private.pem" 2>/dev/null)
  openssl pkey -in "$TMP/private.pem" -pubout -out "$TMP/public.pem"
  # Two scripts starting at once: the first pair in place wins, the other is dropped.
  if [ ! -s "$KEYS/public.pem" ]; then
    mv "$TMP/private.pem" "$KEYS/private.pem"
    mv "$TMP/public.pem" "$KEYS/public.pem"
  fi
  rm -rf "$TMP"
fi
if [ ! -s "$KEYS/codec.env" ]; then
  TMP="$(mktemp "$KEYS/codec.XXXXXX")"
  printf 'AMENDS_CODEC_CURRENT_KEY_ID=dev\nAMENDS_CODEC_KEYS_DEV=%s\n' "$(openssl rand -base64 32)" >"$TMP"
  # As above: a key already in place is kept, or histories encrypted with it could not be read.
  if [ ! -s "$KEYS/codec.env" ]; then mv "$TMP" "$KEYS/codec.env"; else rm -f "$TMP"; fi
fi

SUBJECT=""
EXPIRES_IN=3600
ROLES=()
for arg in "$@"; do
  case "$arg" in
    --public-key) echo "$KEYS/public.pem"; exit 0 ;;
    --subject=*) SUBJECT="${arg#--subject=}" ;;
    --expires-in=*) EXPIRES_IN="${arg#--expires-in=}" ;;
    -h|--help|-*) usage ;;
    *) ROLES+=("$arg") ;;
  esac
done
[ ${#ROLES[@]} -gt 0 ] || usage
[[ "$EXPIRES_IN" =~ ^[1-9][0-9]*$ ]] || usage
for role in "${ROLES[@]}"; do
  [[ "$role" =~ ^[A-Za-z_]+$ ]] || { echo "not a role: $role" >&2; exit 2; }
done
SUBJECT="${SUBJECT:-$(printf '%s' "${ROLES[0]}" | tr '[:upper:]' '[:lower:]')}"
[[ "$SUBJECT" =~ ^[A-Za-z0-9._@-]+$ ]] || { echo "subject must be letters, digits, . _ @ -" >&2; exit 2; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
NOW="$(date +%s)"
ROLES_JSON="$(printf '"%s",' "${ROLES[@]}")"
HEADER='{"alg":"RS256","typ":"JWT"}'
CLAIMS="{\"sub\":\"$SUBJECT\",\"preferred_username\":\"$SUBJECT\",\"roles\":[${ROLES_JSON%,}],\"iat\":$NOW,\"exp\":$((NOW + EXPIRES_IN))}"
INPUT="$(printf '%s' "$HEADER" | b64url).$(printf '%s' "$CLAIMS" | b64url)"
SIGNATURE="$(printf '%s' "$INPUT" | openssl dgst -sha256 -sign "$KEYS/private.pem" | b64url)"
echo "$INPUT.$SIGNATURE"
