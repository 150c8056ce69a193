/**
 * Answers "may A open a connection to B on port P?" from rendered NetworkPolicies, as the API
 * defines them: a pod that some policy selects for a direction is isolated in it, and is then
 * reachable (or may reach out) only as one of those policies' rules allows. A connection needs
 * the source's egress and the destination's ingress. Covers the selectors, peers (pod,
 * namespace, both, ipBlock) and ports (numbered or named) that deploy/kubernetes uses.
 */
import { BlockList } from 'node:net';
import type { K8sObject } from './kubernetes-manifests';

export interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A pod (by namespace and labels, with its named ports) or an address outside the cluster. */
export type Endpoint =
  | { namespace: string; labels: Record<string, string>; ports?: Record<string, number> }
  | { ip: string };

interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface Rule {
  ports?: { port: number | string; protocol?: string }[];
  from?: Peer[];
  to?: Peer[];
}
type Direction = 'Ingress' | 'Egress';

export function selects(selector: Selector, labels: Record<string, string>): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values }) => {
    if (operator === 'In') return values!.includes(labels[key]);
    if (operator === 'NotIn') return !values!.includes(labels[key]);
    if (operator === 'Exists') return key in labels;
    return !(key in labels);
  });
  return byLabel && byExpression;
}

function inBlock({ cidr, except = [] }: NonNullable<Peer['ipBlock']>, ip: string): boolean {
  const range = (block: string) => {
    const list = new BlockList();
    const [network, prefix] = block.split('/');
    list.addSubnet(network, Number(prefix));
    return list;
  };
  return range(cidr).check(ip) && !except.some((block) => range(block).check(ip));
}

function peerMatches(peer: Peer, policyNamespace: string, endpoint: Endpoint): boolean {
  if ('ip' in endpoint) return peer.ipBlock !== undefined && inBlock(peer.ipBlock, endpoint.ip);
  if (peer.ipBlock) return false;
  const namespaceLabels = { 'kubernetes.io/metadata.name': endpoint.namespace };
  const namespaceOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, namespaceLabels)
    : endpoint.namespace === policyNamespace;
  return namespaceOk && selects(peer.podSelector ?? {}, endpoint.labels);
}

function portMatches(rule: Rule, port: number, protocol: string, target: Endpoint): boolean {
  if (!rule.ports?.length) return true;
  const named = 'ip' in target ? {} : (target.ports ?? {});
  return rule.ports.some(
    (p) => (p.protocol ?? 'TCP') === protocol && (p.port === port || named[p.port] === port),
  );
}

/** Whether `pod`'s policies let `other` in (Ingress) or let `pod` reach `other` (Egress). */
function allowedAt(
  policies: K8sObject[],
  direction: Direction,
  pod: Extract<Endpoint, { namespace: string }>,
  other: Endpoint,
  port: number,
  protocol: string,
): boolean {
  const applying = policies.filter(
    (p) =>
      p.metadata.namespace === pod.namespace &&
      (p.spec.policyTypes as Direction[]).includes(direction) &&
      selects(p.spec.podSelector, pod.labels),
  );
  if (applying.length === 0) return true;
  const target = direction === 'Ingress' ? pod : other;
  return applying.some((policy) => {
    const rules: Rule[] =
      (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress) ?? [];
    return rules.some((rule) => {
      const peers = (direction === 'Ingress' ? rule.from : rule.to) ?? [];
      if (!portMatches(rule, port, protocol, target)) return false;
      return (
        peers.length === 0 || peers.some((p) => peerMatches(p, policy.metadata.namespace!, other))
      );
    });
  });
}

export function mayConnect(
  objects: K8sObject[],
  from: Endpoint,
  to: Endpoint,
  port: number,
  protocol = 'TCP',
): boolean {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const egressOk = 'ip' in from || allowedAt(policies, 'Egress', from, to, port, protocol);
  const ingressOk = 'ip' in to || allowedAt(policies, 'Ingress', to, from, port, protocol);
  return egressOk && ingressOk;
}
