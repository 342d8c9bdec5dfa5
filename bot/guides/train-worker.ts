/**
 * The classifier's training, in a worker thread (seconds of CPU, off the bot's event loop): trains on
 * the rendered guides and extra phrasings it is given and posts the weights back. Started by
 * bot/guides/background-training.ts; one training per thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Guide } from "../../shared/guides";
import { createUnderstander, lastTrainedWeights } from "../../shared/intents";

export interface TrainInput {
  guides: Guide[];
  extra: { label: string; text: string }[];
}

const input = workerData as TrainInput;
createUnderstander(input.guides, input.extra);
const weights = lastTrainedWeights();
if (!weights) throw new Error("training produced no weights");
parentPort!.postMessage(weights);
