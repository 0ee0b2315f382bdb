#!/bin/bash
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Stand-in for the docker CLI in run_test: appends its argv (NUL separated, one call per line)
# to $MCW_RECORDING_DOCKER_LOG, prints the real docker messages for the state in
# $MCW_RECORDING_DOCKER_STATE (ok | no_daemon | no_permission | no_image | no_tool |
# no_container | stopped), and for `run`/`exec` runs the tool on the host in the -w folder.
log=${MCW_RECORDING_DOCKER_LOG:-/dev/null}
{ printf '%s\0' "$@"; printf '\n'; } >> "$log"
state=${MCW_RECORDING_DOCKER_STATE:-ok}
cmd=$1; shift

daemon_error() {
  case $state in
    no_daemon) echo "${1}Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit "$2" ;;
    no_permission) echo "${1}permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get \"http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version\": dial unix /var/run/docker.sock: connect: permission denied" >&2; exit "$2" ;;
  esac
}

# -e NAME=VALUE as given; -e NAME takes this process's value, and is left out when it has none.
add_env() {
  case $1 in
    *=*) envs+=("$1") ;;
    *) if [ -n "${!1+set}" ]; then envs+=("$1=${!1}"); fi ;;
  esac
}

case $cmd in
  version)
    daemon_error "" 1
    echo "28.2.2" ;;
  image)
    daemon_error "" 1
    if [ "$state" = no_image ]; then echo "Error response from daemon: No such image: ${!#}" >&2; exit 1; fi
    echo "sha256:4f3c0c5b6d2e8a1f9b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a" ;;
  inspect)
    daemon_error "" 1
    if [ "$state" = no_container ]; then echo "Error: No such object: ${!#}" >&2; exit 1; fi
    if [ "$state" = stopped ]; then echo "false"; else echo "true"; fi ;;
  kill)
    exit 0 ;;
  run)
    daemon_error "docker: " 125
    workdir=.; envs=()
    while [ $# -gt 0 ]; do
      case $1 in
        --rm) shift ;;
        --name|-v|--user) shift 2 ;;
        -w) workdir=$2; shift 2 ;;
        -e) add_env "$2"; shift 2 ;;
        *) break ;;
      esac
    done
    image=$1; shift
    if [ "$state" = no_image ]; then echo "docker: Error response from daemon: No such image: $image." >&2; exit 125; fi
    if [ "$state" = no_tool ]; then
      echo "docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"$1\": executable file not found in \$PATH: unknown." >&2
      exit 127
    fi
    cd "$workdir" && exec env "${envs[@]}" "$@" ;;
  exec)
    daemon_error "" 1
    workdir=.; envs=()
    while [ $# -gt 0 ]; do
      case $1 in
        --user) shift 2 ;;
        -w) workdir=$2; shift 2 ;;
        -e) add_env "$2"; shift 2 ;;
        *) break ;;
      esac
    done
    container=$1; shift
    if [ "$state" = no_container ]; then echo "Error response from daemon: No such container: $container" >&2; exit 1; fi
    if [ "$state" = stopped ]; then echo "Error response from daemon: container 5f1e2d3c4b5a is not running" >&2; exit 1; fi
    cd "$workdir" && exec env "${envs[@]}" "$@" ;;
  *)
    echo "docker: '$cmd' is not a docker command." >&2; exit 1 ;;
esac
