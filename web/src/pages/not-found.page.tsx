import { Link } from "react-router-dom";
import { useTitle } from "../use-title.ts";

export function NotFoundPage() {
  useTitle("Not found");
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to the overview</Link>.
      </p>
    </div>
  );
}
