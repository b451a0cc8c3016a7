import { UserList } from '../features/users/UserList.tsx';

export function UsersPage() {
  return <UserList />;
}
