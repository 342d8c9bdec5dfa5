/**
 * Understanding residents' messages beyond guide retrieval: intents (actions), the out-of-scope
 * class, and the classifier trained at start. Bot-side only: the mini app must not import this
 * (it would carry the training data and the trainer into its first load).
 */
export { INTENT_IDS, INTENT_LABELS, INTENT_PHRASINGS, isIntentId, type IntentId } from "./intents";
export { THRESHOLDS, type UnderstandThresholds } from "./thresholds";
export { adoptTrainedWeights, createUnderstander, intentLabel, lastTrainedWeights, type TrainedWeights, type Understander, type Understanding, type UnderstandOptions } from "./understand";
export { trainClassifier, DEFAULT_TRAIN_OPTIONS, type Classifier, type TrainOptions } from "./classifier";
