import { ListsBoard } from '../features/lists/ListsBoard.tsx';

export function ListsBoardPage() {
  return <ListsBoard />;
}
