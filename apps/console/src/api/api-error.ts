/**
 * An error answer of the API, as its error body says it: the message, and for invalid input the
 * failing fields with their own messages, which the forms show next to each control.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
  }

  /** The message for one field, if the API named it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((error) => error.field === field)?.message;
  }

  static async from(response: Response): Promise<ApiError> {
    const body = (await response.json().catch(() => ({}))) as {
      message?: unknown;
      fields?: FieldError[];
    };
    const message =
      typeof body.message === 'string' ? body.message : `The server answered ${response.status}`;
    return new ApiError(response.status, message, Array.isArray(body.fields) ? body.fields : []);
  }
}
