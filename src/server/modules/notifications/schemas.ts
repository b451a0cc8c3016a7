import { z } from 'zod';
import { pageQuery } from '../../http/schemas.ts';

export const notificationQuery = z.object({
  unreadOnly: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});
export type NotificationQuery = z.infer<typeof notificationQuery>;

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export const notificationList = z.object({
  items: z.array(notificationSchema),
  total: z.number().int(),
  unread: z.number().int(),
});
