/** Versions the generated CI pins. Actions are pinned by commit, the Dagger action by its exact tag. */
export const DAGGER_VERSION = "0.21.9";
export const ACTIONS = {
  checkout: "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
  checkoutVersion: "v4.2.2",
  setupNode: "actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020",
  setupNodeVersion: "v4.4.0",
  setupPython: "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065",
  setupPythonVersion: "v5.6.0",
  setupUv: "astral-sh/setup-uv@20cfd1bf945f4377ade1205e4dbc17946fc9a30d",
  setupUvVersion: "v10.0.1",
  dagger: "dagger/dagger-for-github@v8.4.1",
} as const;
export const GITLAB_DIND_IMAGE = "docker:27.3.1-dind";
