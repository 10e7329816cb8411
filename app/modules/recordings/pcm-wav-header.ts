/**
 * The 44-byte header of a 16-bit PCM WAV file. Test factories, e2e fixtures and the
 * ingest benchmark write recordings in code with it (streamed for the 1 GB case, so
 * the header is separate from the samples).
 */
export function pcm16WavHeader({ channels, sampleRate, dataBytes }: { channels: number; sampleRate: number; dataBytes: number }): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write("WAVEfmt ", 8, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(dataBytes, 40);
  return header;
}
