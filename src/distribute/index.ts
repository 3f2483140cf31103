export {
  configFileOf,
  loadDistributeConfig,
  parseDistributeConfig,
  checkUnderRoots,
  targetNamed,
  type DistributeConfig,
  type Target,
} from './config.js';
export {
  createDistributor,
  readDistributionStatus,
  type Distributor,
  type TargetOutcome,
  type TargetStatus,
} from './distributor.js';
export { applyDrop, type DropReport } from './drop.js';
export { applyPackage, appliedState, type ApplyOutcome } from './apply.js';
export {
  openPackage,
  writePackage,
  listPackages,
  sealHeader,
  checkSignature,
  parseHeader,
  type PackageHeader,
} from './package.js';
export { transportOf, type Transport } from './transports.js';
export { keyFileOf, loadKeyRing, parseKeyRing, newKeyLine, type KeyRing } from './keys.js';
