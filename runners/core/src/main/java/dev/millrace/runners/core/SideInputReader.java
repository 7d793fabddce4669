package dev.millrace.runners.core;

import dev.millrace.values.PCollectionView;
import dev.millrace.windowing.BoundedWindow;

/** Gives a running DoFn the value of a side input for a main-input window. */
public interface SideInputReader {
  /** A reader for steps without side inputs. */
  SideInputReader EMPTY = new SideInputReader() {
    @Override
    public <T> T get(PCollectionView<T> view, BoundedWindow mainWindow) {
      throw new IllegalArgumentException(
          "the side input " + view + " was not declared on this ParDo: add it with "
              + ".withSideInputs(view)");
    }
  };

  /**
   * The view's value in the side-input window that corresponds to {@code mainWindow} (mapped
   * through the view's window function).
   */
  <T> T get(PCollectionView<T> view, BoundedWindow mainWindow);
}
