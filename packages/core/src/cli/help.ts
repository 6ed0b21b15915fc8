export const HELP = `ase-gpu-lint [options] [files, folders or globs...]
ase-gpu-lint rules [rule]           list the rules, or print one rule's documentation
ase-gpu-lint explain [options] ...  explain what the device will run for a manifest

Lints Azure IoT Edge deployment manifests for Azure Stack Edge Pro GPU devices. Without
arguments, lints every manifest under the current folder (recognised by content).

Fixing:
  --fix                       Write fixes to the files (atomically)
  --fix-dry-run               Show fixes as a unified diff per file; write nothing
  --fix-type <types>          Only fixes of these rule types: problem, suggestion, layout, directive
  --apply-suggestions         Also apply each problem's first suggestion, then lint again

Output:
  -f, --format <name>         stylish (default), json, sarif, github, junit, azure-pipelines,
                              or an ESLint formatter module (./my-formatter.js, eslint-formatter-x)
  -o, --output-file <path>    Write the report to a file
  --quiet                     Report errors only
  --max-warnings <n>          Exit 1 when there are more than n warnings
  --color, --no-color         Force colours on or off
  --no-progress               No progress indicator on stderr

Configuration:
  -c, --config <path>         Use this configuration file for every manifest (no lookup)
  --no-config-lookup          Do not look for .aseGpurc files (recommended preset, or --config)
  --rule <id: severity>       Set a rule, e.g. --rule "ase-gpu/no-binds: warn"
  --no-exemptions             Ignore the exemptions of the configuration
  --print-config <file>       Print the configuration of a manifest, and where each setting came from
  --init                      Write a starter .aseGpurc (asks in a terminal; or --ase-version,
                              --gpu-count, --shares a,b, --preset recommended|strict|migration|all, --yes)
  --list-rules                List the rules and their severity for the current folder

Speed:
  --cache                     Only lint files whose content or configuration changed
  --cache-location <path>     Cache file (default .ase-gpu-lint-cache)
  --concurrency <n|auto|off>  Lint in worker threads (default off; at most one per core and file)
  --max-file-size <size>      Refuse larger manifests unread (default 32M; 0: no limit)

Input:
  --stdin                     Lint the text on standard input
  --stdin-filename <path>     The file name it is linted as (its folder selects the configuration)

Baselines (ESLint's suppressions format):
  --suppress-all              Record every current error in the suppressions file
  --suppress-rule <id>        Record the current errors of one rule (repeatable)
  --prune-suppressions        Remove suppressions that no longer occur
  --suppressions-location <p> Suppressions file (default ase-gpu-lint-suppressions.json)
  --pass-on-unpruned-suppressions  Do not fail on suppressions that no longer occur

  -h, --help                  This help
  -v, --version               The versions of ase-gpu-lint and eslint-plugin-ase-gpu

Exit codes: 0 no errors (and warnings within --max-warnings), 1 lint errors, 2 usage,
configuration or internal errors.

Documentation: https://github.com/ase-gpu-lint/ase-gpu-lint/blob/main/docs/cli.md
Each rule's page ships with the package (its rules-docs/ folder): ase-gpu-lint rules <rule>.
`;
