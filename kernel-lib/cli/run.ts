// cnnlab run (being written: issue 2).
export async function command(_args: string[]): Promise<number> {
  console.error("cnnlab run: not implemented yet");
  return 1;
}
