// The lines the grader's vitest reporter sends back to the grader.
export type GradeEvent =
  | { type: "start"; file: string }
  | { type: "case"; file: string; name: string; passed: boolean; message: string }
  | { type: "end"; file: string; errors: string[] };
