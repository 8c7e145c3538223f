/**
 * Versions the generated CI pins. Actions are pinned by commit, with their release in a trailing comment;
 * the Dagger CLI by its exact version. Images live in the one table of pins, src/spec/catalog/images.ts.
 */
export { GITLAB_DIND_IMAGE } from "../../spec/catalog/images.js";

export const DAGGER_VERSION = "0.21.9";
export const ACTIONS = {
  checkout: "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
  checkoutVersion: "v4.2.2",
  setupNode: "actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020",
  setupNodeVersion: "v4.4.0",
  setupPython: "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065",
  setupPythonVersion: "v5.6.0",
  dagger: "dagger/dagger-for-github@27b130bf0f79a7f6fbbbe0fbca6760dc9bb40a77",
  daggerVersion: "v8.4.1",
  setupUv: "astral-sh/setup-uv@20cfd1bf945f4377ade1205e4dbc17946fc9a30d",
  setupUvVersion: "v10.0.1",
} as const;
