// cnnlab lab (being written: issue 2).
export async function command(_args: string[]): Promise<number> {
  console.error("cnnlab lab: not implemented yet");
  return 1;
}
