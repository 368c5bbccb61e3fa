export {
  EntityItsecSecurityContent,
  EntitySecurityView,
} from './EntityItsecSecurityContent';
