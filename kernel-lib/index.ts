// cnn-lab's public API for notebooks: `import * as lab from "cnn-lab"`.
// Layers, bottom to top: backend -> data -> nn -> models -> train -> display -> grade.
export * from "./backend";
