export {
  createStatusCatalogColumn,
  EntityStatusCell,
  renderStatusGraphNode,
} from './CatalogStatus';
