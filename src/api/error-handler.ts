import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors/app-error.ts";
import { ERROR_STATUS } from "./error-status.ts";

/** Every error leaves as `{ error: { code, message, field?, details? } }` with its mapped status. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const app = toAppError(error);
  const status = ERROR_STATUS[app.code];
  if (status >= 500) request.log.error({ err: error }, "request failed");
  return reply.status(status).send({
    error: {
      code: app.code,
      message: app.message,
      ...(app.field ? { field: app.field } : {}),
      ...(app.details ? { details: app.details } : {}),
      ...(app.extra ?? {}),
    },
  });
}

function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const code = (error as FastifyError).code;
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return new AppError("payload_too_large", "The request body is larger than this server accepts", {
      field: "body",
    });
  }
  if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return new AppError("bad_request", "Send the body as application/json", { field: "content-type" });
  }
  if (
    code === "FST_ERR_CTP_EMPTY_JSON_BODY" ||
    code === "FST_ERR_CTP_INVALID_JSON_BODY" ||
    (error as FastifyError).statusCode === 400
  ) {
    return new AppError("bad_request", `The body is not valid JSON: ${error.message}`, { field: "body" });
  }
  return new AppError("internal", "Something went wrong on our side; it has been logged", { cause: error });
}
