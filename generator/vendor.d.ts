// swagger-parser's OpenAPI schema validator, used on the bundled document so findings keep their
// positions (its public `validate()` dereferences first). It throws with `details`: Ajv's errors.
declare module "@apidevtools/swagger-parser/lib/validators/schema.js" {
  export default function validateSchema(api: object): void;
}
