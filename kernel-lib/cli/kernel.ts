// cnnlab kernel (being written: issue 2).
export async function command(_args: string[]): Promise<number> {
  console.error("cnnlab kernel: not implemented yet");
  return 1;
}
