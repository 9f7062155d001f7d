// Custom rules and the allowlist from the admin's managed policy reach the
// scanner in the browser: a token only the custom rule knows is blocked,
// and an allowlisted fingerprint lets its file through untouched while
// another key of the same kind is still held.
import assert from "node:assert/strict";
import { createHash, createHmac, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { awsKeyId, preview, writeFixture } from "../lib/fixtures.mjs";
import { openPage, startWorld } from "../lib/harness.mjs";
import {
  clickDialogButton,
  dialog,
  handlerCalls,
  until,
  waitForDialog,
  waitForDialogClosed,
} from "../lib/page-tools.mjs";

const sha256 = (path) =>
  createHash("sha256").update(readFileSync(path)).digest("hex");

/** `acme_` and 32 random lowercase letters and digits: a format no built-in rule knows. */
function acmeToken() {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  let token = "acme_";
  for (let i = 0; i < 32; i++) token += alphabet[randomInt(alphabet.length)];
  return token;
}

/** The engine's fingerprint with its default key, as the extension's scans make it. */
function fingerprint(secret) {
  return `fp1:${createHmac("sha256", "nospill-fingerprint-v1").update(secret).digest("hex").slice(0, 32)}`;
}

const acmeRules = (example) => `
[[rule]]
id = "acme.api_token"
name = "Acme API token"
category = "secret"
severity = "critical"
confidence = "high"
risk = "Grants access to Acme's internal API."
reference = "https://acme.invalid/docs/tokens"
keywords = ["acme_"]
pattern = '''\\b(acme_[a-z0-9]{32})\\b'''
examples = ["ACME_TOKEN=${example}"]
negative_examples = ["acme_short"]
`;

describe("managed custom rules and allowlist", () => {
  /** @type {import('../lib/harness.mjs').World} */
  let world;
  const token = acmeToken();
  const allowedKey = awsKeyId();
  const otherKey = awsKeyId();
  const secrets = [token, allowedKey, otherKey];
  let acmeFile = "";
  let allowedFile = "";
  let otherFile = "";

  before(async () => {
    world = await startWorld({
      policy: {
        mode: "block",
        verify: "never",
        customRules: acmeRules(acmeToken()),
        allowlist: `fingerprints = ["${fingerprint(allowedKey)}"]\n`,
      },
    });
    acmeFile = writeFixture(
      world.dir,
      "deploy.sh",
      `#!/bin/sh\nexport ACME=${token}\n./deploy\n`,
    );
    allowedFile = writeFixture(
      world.dir,
      "known.env",
      `AWS_ACCESS_KEY_ID=${allowedKey}\n`,
    );
    otherFile = writeFixture(
      world.dir,
      "other.env",
      `AWS_ACCESS_KEY_ID=${otherKey}\n`,
    );
  });
  after(async () => {
    await world?.close();
  });

  const assertNoSecretShown = (text) => {
    for (const secret of secrets)
      assert.ok(!text.includes(secret), `the page shows ${preview(secret)}`);
  };

  test("a custom rule blocks a file the built-in rules allow", async () => {
    world.site.clear();
    const page = await openPage(world, "/react.html");
    await page.setInputFiles("#file", acmeFile);
    const view = await waitForDialog(page);
    assert.match(view.text, /Acme API token/);
    assert.ok(
      view.text.includes(preview(token)),
      "the dialog shows the preview",
    );
    assertNoSecretShown(view.text);
    assert.ok(!("override" in view.buttons), 'block: no "Upload anyway"');
    await clickDialogButton(page, "cancel");
    await waitForDialogClosed(page);
    await page.waitForTimeout(500);
    const calls = await handlerCalls(page);
    assert.equal(
      calls.filter((c) => c.name === "deploy.sh").length,
      0,
      "the handler got deploy.sh",
    );
    assert.ok(
      !world.site.uploads.some((u) => u.body.includes(token)),
      `an upload holds ${preview(token)}`,
    );
    await page.close();
  });

  test("an allowlisted fingerprint lets its file through; another key is still held", async () => {
    world.site.clear();
    const page = await openPage(world, "/react.html");
    await page.setInputFiles("#file", allowedFile);
    await until(
      () => world.site.uploads.some((u) => u.name === "known.env"),
      "known.env arrives",
    );
    const upload = world.site.uploads.find((u) => u.name === "known.env");
    assert.equal(
      upload.sha256,
      sha256(allowedFile),
      "known.env changed on its way",
    );
    assert.equal(
      await dialog(page),
      null,
      "an allowlisted file opened the dialog",
    );

    await page.setInputFiles("#file", otherFile);
    const view = await waitForDialog(page);
    assert.match(view.text, /AWS access key ID/);
    assertNoSecretShown(view.text);
    await clickDialogButton(page, "cancel");
    await waitForDialogClosed(page);
    assert.ok(
      !world.site.uploads.some((u) => u.name === "other.env"),
      "other.env reached the upload endpoint",
    );
    await page.close();
  });
});
