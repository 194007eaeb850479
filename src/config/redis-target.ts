/** A cluster seed node. */
export interface ClusterNode {
  host: string;
  port: number;
}

/** Where Redis is: one server, or a cluster's seed nodes (REDIS_CLUSTER_NODES, or a redis+cluster:// URL). */
export interface RedisTarget {
  url: string;
  cluster: ClusterNode[] | null;
}

export const CLUSTER_URL = /^(rediss?)\+cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)\/?$/;

/** `host:port,host:port` as cluster seed nodes; null when there are none. */
function clusterNodes(list: string): ClusterNode[] | null {
  const nodes = list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const at = item.lastIndexOf(':');
      return { host: item.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(item.slice(at + 1)) };
    });
  return nodes.length > 0 ? nodes : null;
}

/** The target REDIS_URL and REDIS_CLUSTER_NODES name together; a redis+cluster:// URL lists its nodes itself. */
export function redisTarget(url: string, nodes?: string): RedisTarget {
  const cluster = CLUSTER_URL.exec(url);
  if (cluster) return { url, cluster: clusterNodes(cluster[4]) };
  return { url, cluster: nodes ? clusterNodes(nodes) : null };
}

