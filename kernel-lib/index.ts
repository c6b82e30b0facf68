// cnn-lab's public API for notebooks: `import * as lab from "cnn-lab"`.
// Layers, bottom to top (each imports only from layers below it):
//   backend -> data -> nn -> models -> train -> display -> grade
// Backend helpers are exported flat (lab.tf, lab.initBackend, lab.backendLine);
// every other layer is a namespace (lab.data.load, lab.nn.convOutputSize, ...).
export * from "./backend";
export * as data from "./data";
export * as nn from "./nn";
export * as models from "./models";
export * as train from "./train";
export * as display from "./display";
