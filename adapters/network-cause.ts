/**
 * Why a connection to a platform failed, in words an operator can act on: Node's network error
 * codes (found anywhere in an error's cause chain, where fetch and the platform libraries nest
 * them) with what each means. Shared by the Slack and Discord start-up errors.
 */

/** Network error codes worth explaining, with what they mean to an operator. */
export const NETWORK_CAUSES: Record<string, string> = {
  ENOTFOUND: 'the host name does not resolve (DNS)',
  EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
  ECONNREFUSED: 'the connection was refused (nothing listens there)',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  ECONNABORTED: 'the request timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's TLS certificate could not be verified",
};

/** The first error code in the cause chain that names a network failure (fetch/axios nest them). */
export function networkCause(error: unknown): { code: string; message: string } | undefined {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (code in NETWORK_CAUSES || /^E[A-Z]+$/.test(code))) return { code, message: (current as Error).message ?? code };
  }
  return undefined;
}

/** "ENOTFOUND: the host name does not resolve (DNS)", or the error's first message when no code says more. */
export function describeNetworkCause(error: unknown): string {
  const network = networkCause(error);
  if (network) return `${network.code}: ${NETWORK_CAUSES[network.code] ?? network.message}`;
  return error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
}

/** The host of a URL, or the text itself when it is none. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
