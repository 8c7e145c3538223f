import { createHash, createHmac } from "node:crypto";

const REGION = "us-east-1";
const EMPTY_SHA256 = createHash("sha256").update("").digest("hex");

/**
 * The HTTP status of S3's ListBuckets (`GET /`) signed with AWS Signature V4 for these credentials: 200
 * when the server knows them, 403 when it does not. Enough to check a server's root credentials without
 * an S3 client package.
 */
export async function listBucketsStatus(
  endpoint: string,
  accessKey: string,
  secretKey: string,
  now = new Date(),
): Promise<number> {
  const url = new URL("/", endpoint);
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const date = amzDate.slice(0, 8);
  const signedHeaders = "host;x-amz-content-sha256;x-amz-date";
  const canonicalRequest = [
    ...["GET", "/", ""],
    `host:${url.host}\nx-amz-content-sha256:${EMPTY_SHA256}\nx-amz-date:${amzDate}\n`,
    ...[signedHeaders, EMPTY_SHA256],
  ].join("\n");
  const scope = `${date}/${REGION}/s3/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, date), REGION), "s3"), "aws4_request");
  const signature = createHmac("sha256", signingKey).update(stringToSign).digest("hex");
  const response = await fetch(url, {
    headers: {
      "x-amz-content-sha256": EMPTY_SHA256,
      "x-amz-date": amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKey}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
  });
  await response.body?.cancel();
  return response.status;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}
