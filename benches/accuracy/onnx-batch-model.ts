/**
 * A batch model for evaluate() over an onnxruntime-node session whose single input is a float32
 * [batch, features] matrix and whose chosen output is [batch, columns] (logits or predictions).
 */
import ort from 'onnxruntime-node'
import { loadOnnx, splitRows, type BatchPredict, type ModelMetadata } from '../../src/index.js'

/** Shape of the model's input and output. */
export interface MatrixModelSpec {
  input: string
  output: string
  features: number
  columns: number
}

/** A loaded session as evaluate() wants it (its `info` lands on the result), plus `release`. */
export interface OnnxBatchModel {
  predict: BatchPredict<readonly number[]>
  info: ModelMetadata
  release(): Promise<void>
}

/** Loads `file` on one intra-op thread (the machine is shared) and wraps it for evaluate(). */
export async function onnxBatchModel(file: string, spec: MatrixModelSpec): Promise<OnnxBatchModel> {
  const model = await loadOnnx(file, { intraOpNumThreads: 1 })
  return {
    info: model.info,
    predict: async (rows) => {
      const data = new Float32Array(rows.length * spec.features)
      rows.forEach((row, i) => {
        if (row.length !== spec.features) throw new Error(`${file}: example has ${row.length} features, the model takes ${spec.features}`)
        data.set(row, i * spec.features)
      })
      const outputs = await model.run({ [spec.input]: new ort.Tensor('float32', data, [rows.length, spec.features]) })
      const out = outputs[spec.output]
      if (!out) throw new Error(`${file}: no output "${spec.output}" (outputs: ${model.session.outputNames.join(', ')})`)
      return splitRows(out.data as Float32Array, spec.columns)
    },
    release: () => model.release(),
  }
}
