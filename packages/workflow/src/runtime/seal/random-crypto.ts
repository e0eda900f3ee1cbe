/**
 * `node:crypto` calls that draw from the OS's randomness inside, with no random-looking name:
 * `publicEncrypt()` (its padding is random), `generateKeys()` of ECDH and Diffie-Hellman,
 * `createDiffieHellman(primeLength)` (it generates a random prime of that length), and
 * signatures with an ECDSA, DSA or RSA-PSS key (`sign()`, `Sign#sign()`), which differ on every
 * call. In workflow code each would compute another value on replay: they throw
 * DeterminismViolationError. Signatures with an Ed25519, Ed448 or RSA PKCS#1 v1.5 key are
 * deterministic and stay allowed, as do hashes, HMACs, ciphers and key derivation.
 */
import { storage } from '../storage.js';
import { forbidMethod, replaceValue, violation } from './violation.js';

/** What to use instead of `node:crypto`'s randomness. */
export const NODE_RANDOM =
  'use Math.random(), crypto.getRandomValues(), crypto.randomUUID() or uuid4() (seeded from the run id), or sideEffect(fn) for a value computed once for real';

type KeyObjectLike = { asymmetricKeyType?: string };
type NodeCrypto = Record<string, unknown> & {
  KeyObject?: Function;
  createPrivateKey?: (key: unknown) => KeyObjectLike;
  constants?: { RSA_PKCS1_PSS_PADDING?: number };
};

const SIGN_INSTEAD = 'sign in an activity, or with an Ed25519 or RSA PKCS#1 v1.5 key (deterministic signatures)';

/** Whether signing with `key` (as `sign()` and `Sign#sign()` take it) gives another signature on every call. */
function randomSignatures(crypto: NodeCrypto, key: unknown): boolean {
  try {
    const inner = (key as { key?: unknown } | null)?.key ?? key;
    const k =
      crypto.KeyObject && inner instanceof crypto.KeyObject ? (inner as KeyObjectLike) : crypto.createPrivateKey?.(key);
    const type = k?.asymmetricKeyType;
    const padding = (key as { padding?: unknown } | null)?.padding;
    return type === 'ec' || type === 'dsa' || type === 'rsa-pss' || padding === crypto.constants?.RSA_PKCS1_PSS_PADDING;
  } catch {
    return false; // a key Node cannot read: the call throws its own error
  }
}

/** Installs the patches on `node:crypto` (its exports and the prototypes of its classes). */
export function forbidRandomCrypto(crypto: NodeCrypto): void {
  forbidMethod(crypto, 'publicEncrypt', 'publicEncrypt() from node:crypto', `its padding is random; ${NODE_RANDOM}`);
  for (const name of ['ECDH', 'DiffieHellman', 'DiffieHellmanGroup']) {
    const proto = (crypto[name] as { prototype?: object } | undefined)?.prototype;
    if (proto) forbidMethod(proto, 'generateKeys', `${name}#generateKeys() from node:crypto`, NODE_RANDOM);
  }
  const createDh = crypto.createDiffieHellman as ((...args: unknown[]) => unknown) | undefined;
  if (typeof createDh === 'function') {
    replaceValue(crypto, 'createDiffieHellman', function (this: unknown, ...args: unknown[]): unknown {
      // A length (not a prime) makes Node generate a random prime; a given prime is deterministic.
      if (storage.getStore() && typeof args[0] === 'number')
        throw violation(
          'createDiffieHellman(primeLength) from node:crypto (it generates a random prime)',
          `pass the prime itself, or use getDiffieHellman(groupName) (a fixed group); ${NODE_RANDOM}`,
        );
      return createDh.apply(this, args);
    });
  }
  const sign = crypto.sign as ((...args: unknown[]) => unknown) | undefined;
  if (typeof sign === 'function') {
    replaceValue(crypto, 'sign', function (this: unknown, ...args: unknown[]): unknown {
      if (storage.getStore() && randomSignatures(crypto, args[2]))
        throw violation(
          'sign() from node:crypto with a key whose signatures are random (ECDSA, DSA, RSA-PSS)',
          SIGN_INSTEAD,
        );
      return sign.apply(this, args);
    });
  }
  const signProto = (crypto.Sign as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  const signMethod = signProto?.sign as ((...args: unknown[]) => unknown) | undefined;
  if (signProto && typeof signMethod === 'function') {
    replaceValue(signProto, 'sign', function (this: unknown, ...args: unknown[]): unknown {
      if (storage.getStore() && randomSignatures(crypto, args[0]))
        throw violation(
          'Sign#sign() from node:crypto with a key whose signatures are random (ECDSA, DSA, RSA-PSS)',
          SIGN_INSTEAD,
        );
      return signMethod.apply(this, args);
    });
  }
}
