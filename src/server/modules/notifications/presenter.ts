export function presentNotification(n: { id: string; kind: string; title: string; body: string | null; link: string | null; read_at: Date | null; created_at: Date }) {
  return { id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, readAt: n.read_at?.toISOString() ?? null, createdAt: n.created_at.toISOString() };
}
