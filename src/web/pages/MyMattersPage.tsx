import { MyMatters } from '../features/matters/MyMatters.tsx';

/** MAT-5 MAT-7 我的事项. */
export function MyMattersPage() {
  return <MyMatters />;
}
