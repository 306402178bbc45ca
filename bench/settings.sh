# wrk settings of bench/profile.sh (bench/load.sh keeps the same ones in its own header), so that each
# pair of figures is measured with the same load. Sourced, not run.
DURATION=${DURATION:-20s}        # each measured run
WARMUP=${WARMUP:-5s}             # the run before it, not reported
LOGIN_WARMUP=${LOGIN_WARMUP:-20s} # logins: argon2 needs the JIT's best code before it is measured
WRK_REQUESTS="-t2 -c32"          # static document, authenticated requests, cold tokens
WRK_REFRESH="-t16 -c16"          # refresh: one session per connection, each sending the token of its last answer
WRK_LOGIN="-t2 -c4"              # password logins (CPU-bound by the hash: more connections only queue)
