/**
 * Reads `metadata_props` from an ONNX file's bytes. onnxruntime-web does not expose them, and
 * the model's class list travels there (`digit_pad.classes`), so this walks the top level of
 * the ModelProto protobuf and decodes only field 14 (StringStringEntryProto: key 1, value 2).
 */
const METADATA_PROPS = 14;

export function onnxMetadata(bytes: Uint8Array): Map<string, string> {
  const metadata = new Map<string, string>();
  for (const field of fields(bytes)) {
    if (field.number !== METADATA_PROPS || !field.bytes) continue;
    let key = '';
    let value = '';
    for (const entry of fields(field.bytes)) {
      if (!entry.bytes) continue;
      const text = new TextDecoder().decode(entry.bytes);
      if (entry.number === 1) key = text;
      else if (entry.number === 2) value = text;
    }
    metadata.set(key, value);
  }
  return metadata;
}

interface Field {
  readonly number: number;
  /** The payload of a length-delimited field; absent for numeric wire types. */
  readonly bytes?: Uint8Array;
}

function* fields(bytes: Uint8Array): Generator<Field> {
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= bytes.length) throw new RangeError('truncated protobuf');
      const byte = bytes[at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  while (at < bytes.length) {
    const tag = varint();
    const wire = tag % 8;
    const number = Math.floor(tag / 8);
    if (wire === 0) varint();
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const length = varint();
      if (at + length > bytes.length) throw new RangeError('truncated protobuf');
      yield { number, bytes: bytes.subarray(at, at + length) };
      at += length;
      continue;
    } else throw new RangeError(`unsupported protobuf wire type ${wire}`);
    yield { number };
  }
}
