/**
 * The Lambda function `resize`, as it would be deployed to AWS Lambda (Node.js runtime): it gets
 * the event, returns the response, or throws. The local service runs this module in a process of
 * its own (`--lambdas ./src/lambdas`). A real one would read the image from S3 and write the thumbnail
 * back; this one computes the thumbnail's key and size, which is what the workflow needs.
 */

/** The event: an image and the width of the thumbnail to make. */
interface ResizeEvent {
  image: { key: string; width: number; height: number };
  width: number;
}

/** An image too big to resize in one function call: the workflow does not retry it. */
class ImageTooLarge extends Error {
  override name = 'ImageTooLarge';
}

/** Lambda's entry point. */
export async function handler(
  event: ResizeEvent,
  context: { functionName: string },
): Promise<{ key: string; width: number; height: number }> {
  const { image, width } = event;
  if (image.width * image.height > 50_000_000)
    throw new ImageTooLarge(
      `${image.key} has ${image.width * image.height} pixels; ${context.functionName} takes at most 50 million`,
    );
  const height = Math.max(1, Math.round((image.height * width) / image.width));
  const dot = image.key.lastIndexOf('.');
  const stem = dot === -1 ? image.key : image.key.slice(0, dot);
  return { key: `thumbs/${stem}-${width}.png`, width, height };
}
