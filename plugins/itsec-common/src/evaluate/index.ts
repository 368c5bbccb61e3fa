export * from './types';
export {
  evaluate,
  evaluateAll,
  computeScore,
  prepareEvaluation,
  SCORE_EXCEPTED_WEIGHT,
} from './evaluate';
